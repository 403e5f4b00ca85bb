#!/usr/bin/env python3
"""Writes a synthetic zone source of about SIZE bytes (default 1 MB) to
standard output: hundreds of municipalities, people, deadlines and
themes, valid for `afc check`. Deterministic: the same size gives the
same file."""
import sys

size = int(sys.argv[1]) if len(sys.argv) > 1 else 1 << 20
out = []
emit = out.append
emit('include "forms/afsprakenkader-2025.afs"\n\n')
emit('document {\n  form afsprakenkader-2025\n  layout sections\n'
     '  zone "ELZ Synthetisch"\n  council zorgraad\n}\n\n'
     'council zorgraad "Zorgraad Synthetisch vzw"\n\n')
total = 0
muni = 0
prose = ("De eerstelijnszone en de lokale besturen werken samen aan een "
         "toegankelijke hulpverlening, met aandacht voor {m}. ")
themes = []
while total < size * 0.55:
    muni += 1
    block = (f'municipality m{muni} "Gemeente {muni}"\n'
             f'person r{muni} "Verantwoordelijke {muni}" {{\n'
             f'  of m{muni}\n  function "Coördinator Lokaal Sociaal Beleid"\n'
             f'  role responsible\n}}\n'
             f'person i{muni} "Genodigde {muni}" {{\n  of m{muni}\n  role invitee\n}}\n')
    emit(block)
    total += len(block)
emit('\nbody cluster "cluster lokale besturen" {\n  members municipalities\n'
     '  meets at-least 3 per year\n}\n')
emit('deadline accenten {\n  what "De accenten"\n  due 1 month after council-approval\n'
     '  how digital\n  action "aangeleverd"\n  from municipalities\n}\n\n')
emit('part deel1 {\n')
for sec in ("afstemming", "vertegenwoordiging", "data"):
    emit(f'  section {sec} {{\n    text "De {{cluster}} komt {{cluster.meets}} samen."\n')
    if sec == "afstemming":
        emit('    contacts\n    invitees\n    deadline accenten\n')
    emit('  }\n')
emit('}\n\npart deel2 {\n  section thema "Thema\'s" {\n    schedule {\n')
# The years a schedule may name: from the year before the form's to ten
# after it.
for y in range(2024, 2036, 2):
    emit(f'      focus {y}-{y + 1} "Thema {y}"\n')
emit('      continues\n    }\n')
t = 0
while sum(map(len, out)) < size:
    t += 1
    body = "".join(prose.format(m=f"{{m{(t * 7) % muni + 1}}}") for _ in range(6))
    emit(f'    theme t{t} "Thema {t}" {{\n      text """\n        {body}\n        """\n'
         f'      remark "Opmerking bij thema {t} voor {{municipalities.count}} besturen."\n    }}\n')
emit('  }\n}\n')
sys.stdout.write("".join(out))
