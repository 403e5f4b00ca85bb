" Vim syntax file
" Language:	afs, the afsprakenkader language of afc (docs/language.md)
" Filenames:	*.afs
"
" The keywords are the first word of a statement; the values after them
" that the language names (sections, at-least, digital, ...) are
" constants. tests/editors.test checks both lists against `afc keywords`,
" so that this file cannot drift from the compiler.

if exists('b:current_syntax')
  finish
endif
let s:cpo_save = &cpo
set cpo&vim

" Every keyword of the language, as `afc keywords` lists them.
let s:keywords = [
      \ 'include', 'document', 'form', 'event', 'council', 'municipality',
      \ 'partner', 'person', 'body', 'deadline', 'part', 'layout',
      \ 'numbering', 'title', 'subtitle', 'zone', 'version', 'date',
      \ 'status', 'subject', 'keywords', 'letterhead', 'dates', 'due-dates',
      \ 'year', 'department', 'phone', 'email', 'numbered', 'text',
      \ 'section', 'question',
      \ 'called', 'invitees', 'of', 'function', 'role', 'members', 'meets',
      \ 'yearly', 'guests', 'what', 'due', 'how', 'action', 'from', 'by',
      \ 'to', 'audience', 'answer', 'remark', 'contacts', 'targetgroups',
      \ 'schedule', 'rotation', 'theme', 'group', 'focus', 'continues',
      \ 'activity', 'turns',
      \ ]

" The words the language gives a meaning as values: the literals of
" `afc keywords`, the units of a duration or frequency, and the names
" every zone has.
let s:constants = [
      \ 'sections', 'questions', 'deel', 'plain', 'none', 'approved',
      \ 'draft', 'shown', 'hidden', 'optional', 'responsible', 'expert', 'invitee',
      \ 'at-least', 'at-most', 'per', 'after', 'by', 'in', 'singular',
      \ 'digital', 'paper', 'mail', 'meeting',
      \ 'day', 'days', 'week', 'weeks', 'month', 'months', 'quarter',
      \ 'quarters', 'year', 'years',
      \ 'municipalities', 'council-approval', 'department-approval',
      \ 'elections',
      \ ]

syn case match

" A word ends at a space, a brace, a comment or the end of the line.
let s:after = '\ze\%(\s\|[{}#]\|$\)'

syn match afsWord /[^[:space:]{}"#]\+/ contains=NONE
execute 'syn match afsConstant /\%(^\|\s\)\zs\%(' .
      \ join(s:constants, '\|') . '\)' . s:after . '/'
syn match afsNumber /\%(^\|\s\)\zs\d\+\%(-\d\+\)\{0,2}\ze\%(\s\|[{}#]\|$\)/
" Defined last: a keyword wins over a constant of the same spelling
" (`by` the statement, `by` the value).
execute 'syn match afsKeyword /\%(^\s*\|{\s*\)\zs\%(' .
      \ join(s:keywords, '\|') . '\)' . s:after . '/'

syn match afsBrace /[{}]/
syn match afsComment /#.*$/ contains=afsTodo,@Spell
syn keyword afsTodo TODO FIXME XXX contained

" Texts: placeholders {name} and {name.field}, the escapes {{ and }}.
syn match afsPlaceholder /{[^{}[:space:]]\+}/ contained
syn match afsBraceEscape /{{\|}}/ contained
syn match afsEscape /\\["\\]/ contained
syn region afsString start=/"/ skip=/\\[\\"]/ end=/"/ oneline
      \ contains=afsEscape,afsPlaceholder,afsBraceEscape,@Spell
syn region afsText matchgroup=afsTextQuotes start=/"""\s*$/
      \ end=/^\s*"""\s*$/ contains=afsPlaceholder,afsBraceEscape,@Spell

" What a word processor leaves where the language wants a plain
" character (afc names them as errors): curly and angle quotes,
" no-break and other spaces, dashes, invisible characters.
syn match afsLookalike /[\u00a0\u00ab\u00ad\u00bb\u2000-\u2015\u2018-\u201f\u2028\u2029\u202f\u2032\u2033\u2039\u203a\u205f\u2060\u2212\u3000\ufe63\ufeff\uff02\uff07\uff0d]/
syn match afsTab /\t/

" Text blocks span lines; sources are small enough to read from the top.
syn sync fromstart

hi def link afsKeyword Statement
hi def link afsConstant Constant
hi def link afsNumber Number
hi def link afsBrace Delimiter
hi def link afsComment Comment
hi def link afsTodo Todo
hi def link afsString String
hi def link afsText String
hi def link afsTextQuotes Delimiter
hi def link afsEscape SpecialChar
hi def link afsBraceEscape SpecialChar
hi def link afsPlaceholder Identifier
hi def link afsLookalike Error
hi def link afsTab Error

let b:current_syntax = 'afs'
let &cpo = s:cpo_save
unlet s:cpo_save
