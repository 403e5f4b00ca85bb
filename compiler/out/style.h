/* style.h - the PDF stylesheet (templates/pdf.yaml) in memory.
 * Included by style.c, layout.c, pdf.c and the layout unit tests.
 * Lengths are in PostScript points; colours are RGB in 0..1. */
#ifndef AFC_STYLE_H
#define AFC_STYLE_H

/* The faces of the text family; the fallback face is the device's
 * business and never appears in a layout. */
enum face {
	FACE_REGULAR,
	FACE_BOLD,
	FACE_ITALIC,
	FACE_BOLDITALIC,
	FACE_FALLBACK,
	FACE__COUNT
};

struct rgb {
	double r, g, b;
	int set;		/* given in the stylesheet */
};

/* The look of one kind of block. A zero size, leading or unset colour
 * means "as the body". */
struct blockstyle {
	enum face face;
	double size, leading;
	struct rgb color;
	double before, after;	/* space above and below the block */
	double indent;		/* left indent of the text */
	double marker_indent;	/* left indent of the marker */
	char *marker;		/* "•", "➢", or NULL for none */
};

struct style {
	double page_width, page_height;
	double margin_top, margin_bottom, margin_left, margin_right;
	char *font[FACE__COUNT];	/* file names, relative to fonts/ */
	char *dictionary, *dictionary2;	/* hyphenation patterns, first found */
	int hyph_left, hyph_right;	/* shortest word start and end kept */
	double stretch, shrink;		/* of a space, as a fraction of its width */
	struct blockstyle body, letterhead, title, subtitle, part, section,
	    theme, list, contacts, remark, question, answer, quote,
	    header, footer;
	struct rgb link_color, rule_color;
	double rule_width;
	int archival;			/* PDF/A-2u */
	char *icc_profile;		/* the sRGB profile of the output intent */
};

/* Reads the stylesheet at path into st. Returns 0, or -1 after a
 * located diagnostic (file:line:col) for a file that cannot be read, is
 * not YAML, or holds an unknown key or a bad value. st is then freed. */
struct diags;
int style_load(struct style *st, const char *path, struct diags *dg);
void style_free(struct style *st);

#endif
