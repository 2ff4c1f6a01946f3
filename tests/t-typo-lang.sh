#!/bin/sh
# t-typo-lang.sh PLAQUETTE: the rules of each language are the style
# sheet's, measured from the PDF: quotation marks (<quotes>), the spaces
# around punctuation and between groups of digits (<language
# punct-space-before= punct-space-after= punct-space= digit-group-space=>),
# a bad value an input error at its line; a language the sheet does not
# name takes lang="*"'s rules, its runt, stack, foot and hyphenation rules
# included.
set -u
. tests/lib.sh
bin=$1
scratch typo-lang

# q [SHEET]: tests/typo/quotes.xml (a paragraph a language, each starting
# with its tag: FRQ, ENQ…) built with SHEET, its text in $tmp/q.txt, lines
# joined
q() {
	rm -f "$tmp/q.pdf"
	$bin build -q ${1:+-s "$1"} tests/typo/quotes.xml -o "$tmp/q.pdf" 2>/dev/null
	pdftotext -raw "$tmp/q.pdf" - | tr '\n' ' ' >"$tmp/q.txt"
}
# gap TAG WORD: the space before the first WORD of paragraph TAG, over its
# line's word space (tests/typo-spaces.py: U+202F about 0.5)
gap() { python3 tests/typo-spaces.py "$tmp/q.pdf" "$1" | awk -v w="$2" '$1 == w { print $2; exit }'; }
# narrow TAG WORD…: each WORD of TAG follows a narrow space; wide: a word space
narrow() { t=$1; shift; for w; do awk -v g="$(gap "$t" "$w")" 'BEGIN { exit !(g != "" && g != "-" && g > 0.3 && g < 0.8) }' || { echo "$w: $(gap "$t" "$w")"; return 1; }; done; }
wide() { t=$1; shift; for w; do awk -v g="$(gap "$t" "$w")" 'BEGIN { exit !(g != "" && g != "-" && g >= 0.95) }' || { echo "$w: $(gap "$t" "$w")"; return 1; }; done; }
has() { grep -qF -- "$1" "$tmp/q.txt" || { echo "not in: $(cat "$tmp/q.txt")"; return 1; }; }

# The Efus sheet: guillemets in French and Italian, „“ in German, „” in
# Polish and Romanian, “” in English and in the languages it does not
# name (Dutch); French alone spaces its high punctuation, its guillemets'
# insides and groups of digits, with narrow spaces (about half a word
# space in the PDF), none inside a time or an address
q
check "FR: guillemets for straight quotes, spaced" has 'FRQ dit « bonjour » puis ; vraiment ? oui ! note : « Strong'
check "FR: a narrow space before ; ? ! : » and after « ($(for w in '»' ';' '?' '!' ':' bonjour; do printf '%s ' "$(gap FRQ "$w")"; done)of a word space)" narrow FRQ '»' ';' '?' '!' ':' bonjour Strong
check "FR: a narrow space between groups of digits (10 000)" narrow FRQ 000
check "FR: no space inside a time or an address" has '10:30 sur https://'
check "EN: “” and no space before punctuation" has 'ENQ said “hello” then; really? yes! note: «Strong Cities» for 10'
check "EN: groups of digits keep a word space" wide ENQ 000
check "DE: „“" has 'DEQ sagte „Hallo“ dann; wirklich? ja! Notiz:'
check "PL: „”" has 'PLQ powiedział „cześć” potem;'
check "IT: «» unspaced" has 'ITQ disse «ciao» poi; davvero?'
check "NL (no <language>, no <quotes>): the <quotes> without lang=" has 'NLQ zei “hallo” dan; echt?'
check "RO: „”, Polish's <quotes> (lang=\"pl ro hu\")" has 'ROQ a spus „salut” apoi;'

# A variant sheet changes one rule each and the PDF follows: French spaces
# ! ? » only, with the word-wide no-break space, and leaves digits as typed;
# Italian and Romanian lose their marks, the default marks are ‹›
sed -e '/<language lang="fr"/,/\/>/s|punct-space="narrow"|punct-space="no-break"|' \
    -e '/<language lang="fr"/,/\/>/s|punct-space-before=";:!?»"|punct-space-before="!?»"|' \
    -e '/<language lang="fr"/,/\/>/s| digit-group-space="narrow"||' \
    -e 's|<quotes lang="fr es it pt ru ca el uk" |<quotes lang="fr es pt ru ca el uk" |' \
    -e 's|<quotes lang="pl ro hu" |<quotes lang="pl hu" |' -e 's|<quotes marks="“”"/>|<quotes marks="‹›"/>|' styles/efus.xml >"$tmp/var.xml"
q "$tmp/var.xml"
check "fr punct-space-before=\"!?»\": no space before ; and :" has 'FRQ dit « bonjour » puis; vraiment ? oui ! note: « Strong'
check "fr punct-space=\"no-break\": a word-wide space before ? ! » and after «" wide FRQ '?' '!' '»' bonjour
check "fr without digit-group-space=: 10 000 as typed (a word space)" wide FRQ 000
check "it without <quotes>: the default's marks" has 'ITQ disse ‹ciao› poi;'
check "<quotes marks=\"‹›\"> without lang=: English, Dutch and Romanian follow" sh -c "grep -qF 'ENQ said ‹hello›' '$tmp/q.txt' && grep -qF 'NLQ zei ‹hallo›' '$tmp/q.txt' && grep -qF 'ROQ a spus ‹salut›' '$tmp/q.txt'"
sed '/<quotes /d' styles/efus.xml >"$tmp/noq.xml"
q "$tmp/noq.xml"
check "no <quotes>: straight quotes as typed" sh -c "grep -qF 'FRQ dit \"bonjour\" puis' '$tmp/q.txt' && grep -qF 'ENQ said \"hello\" then' '$tmp/q.txt'"

# A bad value: exit 1, an error at its line naming it, no PDF
bad() {
	sed "$2" styles/efus.xml >"$tmp/$1.xml"
	line=$(grep -n "$3" "$tmp/$1.xml" | head -1 | cut -d: -f1)
	rm -f "$tmp/$1.pdf"
	$bin build -q -s "$tmp/$1.xml" tests/typo/quotes.xml -o "$tmp/$1.pdf" 2>"$tmp/$1.err"
	rc=$?
	check "$3: an input error (exit $rc) at line $line, no PDF" sh -c "[ $rc -eq 1 ] && grep -q '$1.xml:$line: error: .*$4' '$tmp/$1.err' && [ ! -e '$tmp/$1.pdf' ]"
}
bad q1 's|<quotes lang="de cs sk lt hr" marks="„“"/>|<quotes lang="de cs sk lt hr" marks="„"/>|' 'marks="„"' 'marks="„" is not two marks'
bad q3 's|<quotes lang="pl ro hu" marks="„”"/>|<quotes lang="pl ro hu" marks="„ ”"/>|' 'marks="„ ”"' 'marks='
bad s1 '/<language lang="fr"/,/\/>/s|punct-space="narrow"|punct-space="thin"|' 'punct-space="thin"' 'punct-space="thin" is not narrow'
bad s2 '/<language lang="fr"/,/\/>/s|punct-space-before=";:!?»"|punct-space-before=";: a"|' 'punct-space-before=";: a"' 'punct-space-before='
bad s3 '/<language lang="fr"/,/\/>/s|digit-group-space="narrow"|digit-group-space="yes"|' 'digit-group-space="yes"' 'digit-group-space='

# lang="*" is the default of every rule: the English brochure marked as
# Dutch (a language the sheet does not name) keeps the English edition's
# bounds from the PDF (tests/typo-rules.py, typo-feet.py: at most 4 runts,
# no stack of one word, no right-hand page ending on a hyphen); without
# lang="*"'s runt, stack and foot rules it ends 9 paragraphs on a runt
sed 's/xml:lang="en"/xml:lang="nl"/' data/brochure.en.xml >"$tmp/nl.xml"
$bin build -q "$tmp/nl.xml" -o "$tmp/nl.pdf" 2>/dev/null
python3 tests/typo-rules.py "$tmp/nl.pdf" >"$tmp/nl.rules"
check "nl: at most 4 runts, no stack ($(awk '/runt|stack/ { printf "%s ", $NF }' "$tmp/nl.rules"))" python3 tests/typo-rules.py "$tmp/nl.pdf" --runts 4 --stacks 0
check "nl: no right-hand page ends on a hyphen" python3 tests/typo-feet.py "$tmp/nl.pdf" --turns 0
sed -e '/<language lang="\*"/,/\/>/s/ \(runt-[a-z]*\|stack-cost\|hyphen-column-foot\|hyphen-page-turn\)="[^"]*"//g' styles/efus.xml >"$tmp/nostar.xml"
$bin build -q -s "$tmp/nostar.xml" "$tmp/nl.xml" -o "$tmp/nl0.pdf" 2>/dev/null
runts=$(python3 tests/typo-rules.py "$tmp/nl0.pdf" | awk '/runt/ { print $NF }')
check "nl without lang=\"*\"'s shape rules: more runts ($runts)" test "${runts:-0}" -gt 4
# the hyphenation fragments of lang="*" too: a shortest word of 20
# letters leaves the Dutch brochure with no hyphenated line
hy() { pdftotext -raw "$1" - 2>/dev/null | grep -c '‐$'; }
sed '/<language lang="\*"/,/\/>/s/hyphen-min-word="6"/hyphen-min-word="20"/' styles/efus.xml >"$tmp/min20.xml"
$bin build -q -s "$tmp/min20.xml" "$tmp/nl.xml" -o "$tmp/nl20.pdf" 2>/dev/null
check "nl: lang=\"*\" hyphen-min-word=\"20\": no hyphenated line ($(hy "$tmp/nl20.pdf"); $(hy "$tmp/nl.pdf") with 6)" sh -c "[ -s '$tmp/nl20.pdf' ] && [ $(hy "$tmp/nl20.pdf") -eq 0 ] && [ $(hy "$tmp/nl.pdf") -gt 0 ]"
finish typo-lang
