#!/usr/bin/python3
"""html-check.py PAGE [EXPECT]: checks one page that afc wrote.

The page must parse as HTML5 without a single parse error (html5lib,
Debian's python3-html5lib), and be safe and well formed as afc promises:
no element or attribute that runs script, loads anything or restyles the
page; links only to http:, https:, mailto:, an id of the page or an output
file beside it; unique ids; html lang set; one h1 and headings that never
skip a level going down; a skip link to <main> as the first link; a
table cell's data-label (shown before it on a phone) is its column's
heading. With EXPECT, each non-empty line of that file must
occur in the page's text (its title, meta values and body text), so that
escaped text is shown, not lost. Prints one line per problem; exit 1 if any.
"""
import sys

import html5lib

FORBIDDEN = {"script", "iframe", "frame", "object", "embed", "img", "svg",
             "math", "form", "input", "button", "base", "link", "video",
             "audio", "source", "picture", "template", "noscript"}


def href_ok(href, ids):
    low = href.lower()
    if low.startswith(("http:", "https:", "mailto:")):
        return True
    if href.startswith("#"):
        return href[1:] in ids
    return href.startswith("./") and ":" not in href


def check_element(el, ids, problems):
    tag = el.tag
    if tag in FORBIDDEN:
        problems.append("forbidden element <%s>" % tag)
    for name, value in el.attrib.items():
        if name.lower().startswith("on") or name.lower() == "style":
            problems.append("forbidden attribute %s on <%s>" % (name, tag))
    if tag == "meta" and el.get("http-equiv", "").lower() not in ("", "content-security-policy"):
        problems.append("meta http-equiv=%s" % el.get("http-equiv"))
    if tag == "a" and el.get("href") is not None and not href_ok(el.get("href"), ids):
        problems.append("link to %r" % el.get("href"))


def headings(root, problems):
    levels = [int(el.tag[1]) for el in root.iter()
              if isinstance(el.tag, str) and len(el.tag) == 2
              and el.tag[0] == "h" and el.tag[1] in "123456"]
    if levels.count(1) != 1:
        problems.append("%d h1 elements" % levels.count(1))
    for a, b in zip(levels, levels[1:]):
        if b > a + 1:
            problems.append("heading h%d follows h%d" % (b, a))
            break


def skip_link(elements, problems):
    links = [el for el in elements if el.tag == "a" and el.get("href")]
    mains = [el for el in elements if el.tag == "main"]
    if not links or not mains or not mains[0].get("id") \
            or links[0].get("href") != "#" + mains[0].get("id"):
        problems.append("the first link is not a skip link to <main id>")


def inner_text(el):
    return "".join(el.itertext()).strip()


def labels(elements, problems):
    for table in (el for el in elements if el.tag == "table"):
        heads = [inner_text(th) for th in table.findall("./thead/tr/th")]
        for tr in table.findall("./tbody/tr"):
            for i, cell in enumerate(tr):
                label = cell.get("data-label")
                if label is not None and (i >= len(heads) or label != heads[i]):
                    problems.append("data-label %r under the heading %r"
                                    % (label, heads[i] if i < len(heads) else None))
                    return


def text_of(root):
    parts = []
    for el in root.iter():
        if isinstance(el.tag, str):
            if el.tag == "meta" and el.get("content"):
                parts.append(el.get("content") + "\n")
            if el.tag != "style":
                parts.append(el.text or "")
        parts.append(el.tail or "")
    return "".join(parts)


def main():
    page = sys.argv[1]
    parser = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree"),
                                 namespaceHTMLElements=False)
    root = parser.parse(open(page, "rb"))
    problems = ["parse error at %d:%d: %s" % (pos[0], pos[1], code)
                for pos, code, _ in parser.errors]
    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    ids = [el.get("id") for el in elements if el.get("id")]
    if len(ids) != len(set(ids)):
        problems.append("duplicate ids")
    if not root.get("lang"):
        problems.append("no lang on <html>")
    styles = [el for el in elements if el.tag == "style"]
    if len(styles) != 1:
        problems.append("%d style elements" % len(styles))
    for el in elements:
        check_element(el, set(ids), problems)
    headings(root, problems)
    skip_link(elements, problems)
    labels(elements, problems)
    if len(sys.argv) > 2:
        text = text_of(root)
        for line in open(sys.argv[2], encoding="utf-8").read().splitlines():
            if line and line not in text:
                problems.append("text not shown: %r" % line)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
