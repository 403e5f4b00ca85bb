#!/bin/sh
# Makes fonts/fallback.ttf: DejaVu Sans cut down to the characters that
# Carlito lacks and a document may hold (no-break space, soft hyphen,
# punctuation, arrows, mathematical operators, shapes, symbols and
# dingbats such as the remark arrow U+27A2). The PDF backend draws a
# character with this face only when the text face has no glyph for it.
#
# Needs Debian's fonts-dejavu-core, fonts-crosextra-carlito and fonttools.
# The output depends only on those inputs: run it again after upgrading
# them and commit the result.
set -eu
cd "$(dirname "$0")"
src=${DEJAVU:-/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf}
text=${CARLITO:-Carlito-Regular.ttf}

unicodes=$(/usr/bin/python3 - "$src" "$text" <<'PY'
import sys
from fontTools.ttLib import TTFont
have = set(TTFont(sys.argv[1]).getBestCmap())
text = set(TTFont(sys.argv[2]).getBestCmap())
want = [0xA0, 0xAD]
for lo, hi in ((0x2000, 0x206F), (0x2190, 0x22FF), (0x25A0, 0x27BF)):
    want += range(lo, hi + 1)
print(",".join("U+%04X" % c for c in want if c in have and c not in text))
PY
)
pyftsubset "$src" --unicodes="$unicodes" --no-hinting --layout-features= \
    --name-IDs=0,1,2,3,4,5,6 --output-file=fallback.ttf 2>/dev/null
