/* lang.c - the table of the language (see lang.h). */
#include <string.h>

#include "front/lang.h"

#define B(c)	CTX_BIT(CTX_##c)
#define TEXT1	"needs one text in quotes"

/* Keep in the order of enum kw: each place lists its keywords in this
 * order in messages. */
const struct keyword lang_keywords[K__COUNT] = {
	{K_INCLUDE, "include", B(TOP), 1, 1, BLOCK_NONE, 1,
	    "needs one file name in quotes, as in include "
	    "\"forms/afsprakenkader-2025.afs\"", "string"},
	{K_DOCUMENT, "document", B(TOP), 0, 0, BLOCK_REQUIRED, 0,
	    "takes no values and needs a block", "{ docfield }"},
	{K_FORM, "form", B(TOP), 1, 1, BLOCK_REQUIRED, 0,
	    "needs a name and a block", "name { formfield }"},
	{K_EVENT, "event", B(TOP), 2, 2, BLOCK_NONE, 0,
	    "needs a name and a full name in quotes, as in: "
	    "municipality asse \"Asse\"", "name string"},
	{K_COUNCIL, "council", B(TOP), 2, 2, BLOCK_OPTIONAL, 0,
	    "needs a name and a full name in quotes, as in: "
	    "municipality asse \"Asse\"", "name string [ { partyfield } ]"},
	{K_MUNICIPALITY, "municipality", B(TOP), 2, 2, BLOCK_OPTIONAL, 0,
	    "needs a name and a full name in quotes, as in: "
	    "municipality asse \"Asse\"", "name string [ { partyfield } ]"},
	{K_PARTNER, "partner", B(TOP), 2, 2, BLOCK_OPTIONAL, 0,
	    "needs a name and a full name in quotes, as in: "
	    "municipality asse \"Asse\"", "name string [ { partyfield } ]"},
	{K_PERSON, "person", B(TOP), 2, 2, BLOCK_OPTIONAL, 0,
	    "needs a name and the person's full name in quotes, as in: "
	    "person sooi \"Sooi De Maeyer\" { ... }",
	    "name string { personfield }"},
	{K_BODY, "body", B(TOP), 2, 2, BLOCK_OPTIONAL, 0,
	    "needs a name and a full name in quotes, as in: "
	    "municipality asse \"Asse\"", "name string [ { bodyfield } ]"},
	{K_DEADLINE, "deadline", B(TOP), 1, 1, BLOCK_REQUIRED, 0,
	    "needs a name and a block, as in: deadline accenten { ... }",
	    "name { deadlinefield }"},
	{K_PART, "part", B(TOP), 1, 2, BLOCK_REQUIRED, 0,
	    "needs the name of a part of the form, an optional title in "
	    "quotes, and a block", "name [ string ] { section | answer | content }"},

	{K_DOC_FORM, "form", B(DOCUMENT), 1, 1, BLOCK_NONE, 0,
	    "names the form, as in: form afsprakenkader-2025", "name"},
	{K_LAYOUT, "layout", B(DOCUMENT), 1, 1, BLOCK_NONE, 0,
	    "is sections or questions", "sections | questions"},
	{K_NUMBERING, "numbering", B(DOCUMENT), 1, 1, BLOCK_NONE, 0,
	    "is deel, plain or none", "deel | plain | none"},
	{K_TITLE, "title", B(DOCUMENT) | B(FORM), 1, 1, BLOCK_NONE, 0,
	    TEXT1, "string"},
	{K_SUBTITLE, "subtitle", B(DOCUMENT), 1, 1, BLOCK_NONE, 0, TEXT1,
	    "string"},
	{K_ZONE, "zone", B(DOCUMENT), 1, 1, BLOCK_NONE, 0, TEXT1, "string"},
	{K_DOC_COUNCIL, "council", B(DOCUMENT), 1, 1, BLOCK_NONE, 0,
	    "names the care council", "name"},
	{K_VERSION, "version", B(DOCUMENT), 1, 1, BLOCK_NONE, 0, TEXT1,
	    "string"},
	{K_DATE, "date", B(DOCUMENT), 1, 1, BLOCK_NONE, 0,
	    "needs a date, as in: date 2025-06-30", "date"},
	{K_STATUS, "status", B(DOCUMENT), 1, 1, BLOCK_NONE, 0,
	    "is approved or draft", "approved | draft"},
	{K_SUBJECT, "subject", B(DOCUMENT), 1, 1, BLOCK_NONE, 0, TEXT1,
	    "string"},
	{K_KEYWORDS, "keywords", B(DOCUMENT), 0, LANG_MANY, BLOCK_ANY, 1,
	    "needs the keywords, each in quotes", "{ string }"},
	{K_DOC_LETTERHEAD, "letterhead", B(DOCUMENT), 1, 1, BLOCK_NONE, 0,
	    "takes one value: letterhead none", "none"},
	{K_DATES, "dates", B(DOCUMENT), 0, 0, BLOCK_REQUIRED, 0,
	    "takes a block of events with their dates, as in: dates { "
	    "council-approval 2025-03-24 }", "{ name date }"},
	{K_DUE_DATES, "due-dates", B(DOCUMENT), 1, 1, BLOCK_NONE, 0,
	    "is shown or hidden: whether a deadline after a dated event "
	    "prints its date", "shown | hidden"},

	{K_FORM_YEAR, "year", B(FORM), 1, 1, BLOCK_NONE, 0,
	    "needs the year the form is for, as in: year 2025", "number"},
	{K_FORM_LETTERHEAD, "letterhead", B(FORM), 0, 0, BLOCK_REQUIRED, 0,
	    "needs a block", "{ department | phone | email }"},
	{K_FORM_PART, "part", B(FORM), 2, 2, BLOCK_REQUIRED, 0,
	    "needs a name, a title in quotes and a block",
	    "name string { numbered | text | section | question }"},
	{K_DEPARTMENT, "department", B(LETTERHEAD), 1, 1, BLOCK_NONE, 0,
	    TEXT1, "string"},
	{K_PHONE, "phone", B(LETTERHEAD), 1, 1, BLOCK_NONE, 0, TEXT1,
	    "string"},
	{K_EMAIL, "email", B(LETTERHEAD), 1, 1, BLOCK_NONE, 0, TEXT1,
	    "string"},
	{K_NUMBERED, "numbered", B(FPART), 0, 0, BLOCK_NONE, 0,
	    "takes no values", ""},
	{K_FORM_TEXT, "text", B(FPART), 1, 2, BLOCK_NONE, 0,
	    "needs a text, optionally after the layout it is for (sections "
	    "or questions)", "[ sections | questions ] prose"},
	{K_FORM_SECTION, "section", B(FPART), 2, 3, BLOCK_REQUIRED, 0,
	    "needs a name, a title in quotes and a block",
	    "name string [ optional ] { question }"},
	{K_QUESTION, "question", B(FPART) | B(FSECTION), 2, 3, BLOCK_NONE, 0,
	    "needs a name and the question's text, as in: question rol "
	    "\"Welke rol ...?\"", "name prose [ optional ]"},

	{K_CALLED, "called", B(PARTY), 1, 1, BLOCK_NONE, 0,
	    "needs how the text calls the party, as in: called \"de zorgraad\"",
	    "string"},
	{K_PARTY_INVITEES, "invitees", B(PARTY), 1, 1, BLOCK_NONE, 0,
	    "takes one value: invitees none", "none"},
	{K_OF, "of", B(PERSON), 1, LANG_MANY, BLOCK_NONE, 0,
	    "names the party the person belongs to, as in: of asse, or the "
	    "municipalities a person serves, as in: of asse merchtem",
	    "name { name }"},
	{K_FUNCTION, "function", B(PERSON), 1, 1, BLOCK_NONE, 0,
	    "needs the function in quotes", "string"},
	{K_ROLE, "role", B(PERSON), 1, 1, BLOCK_NONE, 0,
	    "needs one of responsible, expert, invitee or none",
	    "responsible | expert | invitee | none"},
	{K_MEMBERS, "members", B(BODY), 1, LANG_MANY, BLOCK_NONE, 0,
	    "names the member parties, or municipalities for all of them",
	    "name { name }"},
	{K_MEETS, "meets", B(BODY), 3, 4, BLOCK_ANY, 1,
	    "needs a frequency, as in: meets at-least 3 per year",
	    "[ at-least | at-most ] count per unit"},
	{K_YEARLY, "yearly", B(BODY), 1, 1, BLOCK_NONE, 0,
	    "needs who joins once a year, in quotes", "string"},
	{K_GUESTS, "guests", B(BODY), 1, LANG_MANY, BLOCK_NONE, 0,
	    "names the invited people", "name { name }"},
	{K_WHAT, "what", B(DEADLINE), 1, 2, BLOCK_NONE, 0,
	    "needs what is delivered, in quotes, and 'singular' after it "
	    "when it is one thing", "string [ singular ]"},
	{K_DUE, "due", B(DEADLINE), 1, 4, BLOCK_ANY, 1,
	    "needs when, as in: due 1 month after council-approval",
	    "count unit after name | after name | by date | in month [ month ] "
	    "| string"},
	{K_HOW, "how", B(DEADLINE), 1, 1, BLOCK_NONE, 0,
	    "needs one of digital, paper, mail or meeting",
	    "digital | paper | mail | meeting"},
	{K_ACTION, "action", B(DEADLINE), 1, 1, BLOCK_NONE, 0, TEXT1,
	    "string"},
	{K_FROM, "from", B(DEADLINE), 1, 1, BLOCK_NONE, 0, "names one party",
	    "name"},
	{K_BY, "by", B(DEADLINE), 1, 1, BLOCK_NONE, 0, TEXT1, "string"},
	{K_TO, "to", B(DEADLINE), 1, 1, BLOCK_NONE, 0, "names one party",
	    "name"},
	{K_AUDIENCE, "audience", B(DEADLINE), 1, 1, BLOCK_NONE, 0, TEXT1,
	    "string"},

	{K_SECTION, "section", B(ZPART), 1, 2, BLOCK_REQUIRED, 0,
	    "needs the section's name, a title in quotes when the form has "
	    "no such section, and a block",
	    "name [ string ] { answer | content }"},
	{K_ANSWER, "answer", B(ZPART) | B(ZSECTION), 1, 2, BLOCK_ANY, 1,
	    "needs the question's name and the answer, as in: answer rol "
	    "\"\"\"...\"\"\"", "name ( prose | { content } )"},
	{K_TEXT, "text", CTX_CONTENT, 1, 1, BLOCK_NONE, 0,
	    "needs one text, in quotes or as a text block", "prose"},
	{K_REMARK, "remark", CTX_CONTENT, 1, 1, BLOCK_NONE, 0,
	    "needs one text, in quotes or as a text block", "prose"},
	{K_CONTACTS, "contacts", CTX_CONTENT, 0, 0, BLOCK_NONE, 0,
	    "takes no values: it lists the responsible official of every "
	    "municipality", ""},
	{K_INVITEES, "invitees", CTX_CONTENT, 0, 0, BLOCK_NONE, 0,
	    "takes no values: it lists the extra invitees of every "
	    "municipality", ""},
	{K_DEADLINE_REF, "deadline", CTX_CONTENT, 1, 1, BLOCK_NONE, 0,
	    "here names a declared deadline, as in: deadline accenten", "name"},
	{K_TARGETGROUPS, "targetgroups", CTX_CONTENT, 0, 0, BLOCK_REQUIRED, 0,
	    "takes a block of groups", "{ group }"},
	{K_SCHEDULE, "schedule", CTX_CONTENT, 0, 0, BLOCK_REQUIRED, 0,
	    "takes a block of focus themes", "{ focus } [ continues ]"},
	{K_ROTATION, "rotation", CTX_CONTENT, 0, 0, BLOCK_REQUIRED, 0,
	    "takes a block of activities", "{ activity | turns }"},
	{K_THEME, "theme", CTX_CONTENT, 2, 2, BLOCK_REQUIRED, 0,
	    "needs a name, a title in quotes and a block",
	    "name string { content }"},
	{K_GROUP, "group", B(TARGETGROUPS), 1, 8, BLOCK_NONE, 0,
	    "needs the group and its notes, each in quotes",
	    "string { string }"},
	{K_FOCUS, "focus", B(SCHEDULE), 2, 2, BLOCK_NONE, 0,
	    "needs years and a theme, as in: focus 2026-2027 \"Voeding en "
	    "beweging\"", "years string"},
	{K_CONTINUES, "continues", B(SCHEDULE), 0, 0, BLOCK_NONE, 0,
	    "takes no values", ""},
	{K_ACTIVITY, "activity", B(ROTATION), 1, 2, BLOCK_NONE, 0,
	    "needs the activity and an optional note, in quotes",
	    "string [ string ]"},
	{K_TURNS, "turns", B(ROTATION), 1, LANG_MANY, BLOCK_NONE, 0,
	    "names the municipalities in the order of their turns",
	    "name { name }"},
};

static const struct {
	const char *name, *where;
} places[CTX__COUNT] = {
	[CTX_TOP] = {"top", "at the top of a file"},
	[CTX_DOCUMENT] = {"document", "in the document block"},
	[CTX_FORM] = {"form", "in a form"},
	[CTX_LETTERHEAD] = {"letterhead", "in a letterhead"},
	[CTX_FPART] = {"form-part", "in a part of a form"},
	[CTX_FSECTION] = {"form-section", "in a section of a form"},
	[CTX_PARTY] = {"party", "in a party"},
	[CTX_PERSON] = {"person", "in a person"},
	[CTX_BODY] = {"body", "in a body"},
	[CTX_DEADLINE] = {"deadline", "in a deadline"},
	[CTX_ZPART] = {"part", "in a part"},
	[CTX_ZSECTION] = {"section", "in a section"},
	[CTX_THEME] = {"theme", "in a theme"},
	[CTX_ANSWER] = {"answer", "in an answer"},
	[CTX_TARGETGROUPS] = {"targetgroups", "in targetgroups"},
	[CTX_SCHEDULE] = {"schedule", "in a schedule"},
	[CTX_ROTATION] = {"rotation", "in a rotation"},
};

const struct keyword *
lang_find(const char *name, enum lang_ctx ctx)
{
	size_t i;

	for (i = 0; i < K__COUNT; i++)
		if ((lang_keywords[i].where & CTX_BIT(ctx)) &&
		    lang_keywords[i].name[0] == name[0] &&
		    strcmp(lang_keywords[i].name, name) == 0)
			return &lang_keywords[i];
	return NULL;
}

int
lang_known(const char *name, unsigned ctx_mask)
{
	size_t i;

	for (i = 0; i < K__COUNT; i++)
		if ((lang_keywords[i].where & ctx_mask) &&
		    lang_keywords[i].name[0] == name[0] &&
		    strcmp(lang_keywords[i].name, name) == 0)
			return 1;
	return 0;
}

const char *
lang_where(enum lang_ctx ctx)
{
	return places[ctx].where;
}

const char *
lang_ctx_name(enum lang_ctx ctx)
{
	return places[ctx].name;
}
