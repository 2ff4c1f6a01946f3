#!/usr/bin/env python3
"""gendoc.py SEED OUTDIR: a random but schema-valid document of the series.

Writes OUTDIR/doc.xml (a brochure valid by schema/brochure.rng) and
OUTDIR/style.xml (a variant of styles/efus.xml: 1-3 columns for sections
and cards, other sizes and leading, other margins).  The same seed gives
the same two files, byte for byte, on any machine (random.Random(seed),
no clock, no hash order).  Standard library only.

What varies: the edition's language and the languages of its parts
(xml:lang on sections, paragraphs, items, cards), which optional parts are
there (cover, editorial, contents, credits, back cover), random ids,
section nesting and Sommaire levels (toc 1, 2, none), 0-60 city cards and
0-20 project cards placed in any section (cards of both kinds mixed in one
section too), texts from 1 word to 1 500 words, lists with and without a
lead line, fields, addresses, services, inline em/strong/link nested in
each other, every layout label.  The schema allows no list inside a list
item: lists nest through the sections that hold them.

Options: --words N caps the document's words (default 7000) so that a run
of 200 documents stays fast; --print prints the seed's summary.
"""
import os
import random
import struct
import sys
import zlib
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# Languages the project supports: a hyphenation dictionary (or a quotation
# rule) and a font that covers the script (Noto Sans: Latin, Greek,
# Cyrillic).  Letters are those the pseudo-words are made of.
LANGS = {
    "fr": dict(v="aeiouéèêàâîôûœ", c="bcdfghjlmnprstvç", words="le la les de des du un une et à en pour sur dans avec par que qui ville projet sécurité prévention jeunes réseau acteurs locaux politique européenne l'action l'Efus d'une", page="p.", cont="suite", support="Accompagnements de l'Efus", projects="Participation à des projets européens", since="Membre de l'Efus depuis"),
    "en": dict(v="aeiou", c="bcdfghklmnprstvwy", words="the of and to in for with on by city project security prevention young network local policy european action support", page="p.", cont="continued", support="Efus support", projects="Participation in European projects", since="Efus member since"),
    "de": dict(v="aeiouäöü", c="bcdfghklmnprstvwzß", words="der die das und zu in für mit auf von Stadt Projekt Sicherheit Prävention Jugend Netzwerk lokale Politik europäische Maßnahme", page="S.", cont="Fortsetzung", support="Unterstützung durch Efus", projects="Teilnahme an europäischen Projekten", since="Efus-Mitglied seit"),
    "pl": dict(v="aeiouyąęó", c="bcdfghjklmnprstwzłńśźż", words="i w na z do dla miasto projekt bezpieczeństwo zapobieganie młodzież sieć lokalne polityka europejska działanie", page="s.", cont="ciąg dalszy", support="Wsparcie Efus", projects="Udział w projektach europejskich", since="Członek Efus od"),
    "es": dict(v="aeiouáéíóú", c="bcdfghjlmnprstvñ", words="el la los de del y en para con por ciudad proyecto seguridad prevención jóvenes red locales política europea acción", page="pág.", cont="continuación", support="Acompañamiento del Efus", projects="Participación en proyectos europeos", since="Miembro del Efus desde"),
    "it": dict(v="aeiouàèìòù", c="bcdfglmnprstvz", words="il la le di del e in per con su città progetto sicurezza prevenzione giovani rete locali politica europea azione", page="p.", cont="segue", support="Accompagnamento dell'Efus", projects="Partecipazione a progetti europei", since="Membro dell'Efus dal"),
    "nl": dict(v="aeiou", c="bcdfghjklmnprstvwz", words="de het een en van in voor met op stad project veiligheid preventie jongeren netwerk lokale beleid europese actie", page="blz.", cont="vervolg", support="Ondersteuning door Efus", projects="Deelname aan Europese projecten", since="Lid van Efus sinds"),
    "pt": dict(v="aeiouãõáéíóúâê", c="bcdfglmnprstvç", words="o a os de do e em para com por cidade projeto segurança prevenção jovens rede locais política europeia ação", page="p.", cont="continuação", support="Apoio do Efus", projects="Participação em projetos europeus", since="Membro do Efus desde"),
    "ro": dict(v="aeiouăâî", c="bcdfghjlmnprstvzșț", words="și în de la pentru cu oraș proiect securitate prevenire tineri rețea locale politică europeană acțiune", page="p.", cont="continuare", support="Sprijin Efus", projects="Participare la proiecte europene", since="Membru Efus din"),
    "cs": dict(v="aeiouáéíóúůěy", c="bcdfhjklmnprstvzčřšž", words="a v na z do pro město projekt bezpečnost prevence mládež síť místní politika evropská akce", page="s.", cont="pokračování", support="Podpora Efus", projects="Účast na evropských projektech", since="Členem Efus od"),
    "da": dict(v="aeiouyæøå", c="bdfghjklmnprstv", words="og i på til for med by projekt sikkerhed forebyggelse unge netværk lokale politik europæisk indsats", page="s.", cont="fortsat", support="Støtte fra Efus", projects="Deltagelse i europæiske projekter", since="Medlem af Efus siden"),
    "sv": dict(v="aeiouyåäö", c="bdfghjklmnprstv", words="och i på till för med stad projekt säkerhet förebyggande unga nätverk lokala politik europeisk insats", page="s.", cont="forts.", support="Stöd från Efus", projects="Deltagande i europeiska projekt", since="Medlem i Efus sedan"),
    "ca": dict(v="aeiouàèéíòóú", c="bcdfglmnprstvç", words="el la els de i en per amb ciutat projecte seguretat prevenció joves xarxa locals política europea acció", page="p.", cont="continuació", support="Acompanyament de l'Efus", projects="Participació en projectes europeus", since="Membre de l'Efus des de"),
    "el": dict(v="αεηιουωάέήίόύώ", c="βγδζθκλμνξπρστφχ", words="και του της στο για με πόλη έργο ασφάλεια πρόληψη νέοι δίκτυο τοπικές πολιτική ευρωπαϊκή δράση", page="σ.", cont="συνέχεια", support="Υποστήριξη του Efus", projects="Συμμετοχή σε ευρωπαϊκά έργα", since="Μέλος του Efus από"),
    "ru": dict(v="аеиоуыэюяё", c="бвгджзклмнпрстфхцчшщ", words="и в на с для по город проект безопасность профилактика молодёжь сеть местные политика европейская действие", page="с.", cont="продолжение", support="Поддержка Efus", projects="Участие в европейских проектах", since="Член Efus с"),
    # known languages (src/input/lang.c) with no hyphenation dictionary:
    # set unhyphenated, with a warning (exit 0)
    "hu": dict(v="aeiouáéíóöőúüű", c="bcdfghjklmnprstvz", words="és a az egy város projekt biztonság megelőzés fiatalok hálózat helyi politika európai fellépés", page="o.", cont="folytatás", support="Az Efus támogatása", projects="Részvétel európai projektekben", since="Efus-tagság kezdete"),
    "fi": dict(v="aeiouyäö", c="dhjklmnprstv", words="ja on kaupunki hanke turvallisuus ennaltaehkäisy nuoret verkosto paikallinen politiikka eurooppalainen toiminta", page="s.", cont="jatkuu", support="Efusin tuki", projects="Osallistuminen eurooppalaisiin hankkeisiin", since="Efusin jäsen vuodesta"),
    "sk": dict(v="aeiouáéíóúyäô", c="bcdfhjklmnprstvzčšžľť", words="a v na z do pre mesto projekt bezpečnosť prevencia mládež sieť miestne politika európska akcia", page="s.", cont="pokračovanie", support="Podpora Efus", projects="Účasť na európskych projektoch", since="Členom Efus od"),
    "hr": dict(v="aeiou", c="bcdfghjklmnprstvzčćšžđ", words="i u na s za grad projekt sigurnost prevencija mladi mreža lokalne politika europska akcija", page="str.", cont="nastavak", support="Potpora Efusa", projects="Sudjelovanje u europskim projektima", since="Član Efusa od"),
    "lt": dict(v="aeiouyąęėįųū", c="bdgjklmnprstvzčšž", words="ir į su už miestas projektas saugumas prevencija jaunimas tinklas vietos politika europos veiksmai", page="p.", cont="tęsinys", support="Efus parama", projects="Dalyvavimas Europos projektuose", since="Efus narys nuo"),
    "uk": dict(v="аеиоуіїєюя", c="бвгґджзклмнпрстфхцчшщ", words="і в на з для місто проєкт безпека профілактика молодь мережа місцеві політика європейська дія", page="с.", cont="продовження", support="Підтримка Efus", projects="Участь у європейських проєктах", since="Член Efus з"),
}
# the languages with a hyphenation dictionary (tools/deps.sh), then the
# known ones without (half as often)
HYPH_LANGS = ["fr", "en", "de", "pl", "es", "it", "nl", "pt", "ro", "cs", "da", "sv", "ca", "el", "ru"]
MAIN_LANGS = HYPH_LANGS + ["hu", "fi", "sk", "hr", "lt", "uk"]
# libhyphen takes about 9 s to load hyph_de_DE.dic (1 MB) in every build
# that sets German text: German is the edition's language in about one
# document in 25 and is set inside other editions only there.
MIX_LANGS = [l for l in MAIN_LANGS if l != "de"]
LANG_WEIGHTS = [1 if l == "de" or l not in HYPH_LANGS else 2 for l in MAIN_LANGS]
KINDS = ["local-authorities", "organisations", "national-forums", "partners", "specialists"]
XMLNS = "http://www.w3.org/XML/1998/namespace"


class Gen:
    """One document: a random source, the edition's language, the ids used."""

    def __init__(self, seed, max_words):
        self.r = random.Random(seed)
        self.seed = seed
        self.lang = self.r.choices(MAIN_LANGS, LANG_WEIGHTS)[0]
        self.ids = set()
        self.words_left = max_words
        self.projects = []  # (id, name, years) of the projects written so far
        self.cities = 0
        self.nproj = 0
        self.images = []  # (file name, width px, height px) to write beside doc.xml
        self.with_images = self.r.random() < 0.3

    # ---------- words ----------
    def pseudo(self, lang, cap=False):
        """A pronounceable made-up word in the letters of lang (2-5 syllables)."""
        L = LANGS[lang]
        r = self.r
        w = "".join(r.choice(L["c"]) + r.choice(L["v"]) + (r.choice(L["c"]) if r.random() < 0.3 else "")
                    for _ in range(r.randint(1, 4)))
        if r.random() < 0.3:
            w = r.choice(L["v"]) + w
        return w.capitalize() if cap else w

    def word(self, lang):
        r = self.r
        x = r.random()
        if x < 0.35:
            return r.choice(LANGS[lang]["words"].split())
        if x < 0.38:
            return str(r.randint(1, 2030))
        if x < 0.40:
            return self.pseudo(lang) + "-" + self.pseudo(lang)
        return self.pseudo(lang, cap=r.random() < 0.08)

    def words(self, lang, n):
        """n words of running text: sentences, commas, a few quotes and dashes."""
        r = self.r
        n = max(1, min(n, max(1, self.words_left)))
        self.words_left -= n
        out = []
        start = True
        for i in range(n):
            w = self.word(lang)
            if start:
                w = w[:1].upper() + w[1:]
                start = False
            x = r.random()
            if i == n - 1:
                w += r.choice([".", ".", "", "!", "?", " ;", " :"] if lang == "fr" else [".", ".", "", "!", "?"])
            elif x < 0.07:
                w += "."
                start = True
            elif x < 0.14:
                w += ","
            elif x < 0.16:
                w = "(" + w + ")"
            elif x < 0.17:
                w += " –"
            elif x < 0.18:
                w = '"' + w + '"'
            out.append(w)
        return " ".join(out)

    def length(self):
        """Words of one text: mostly short, sometimes very long (1-1500)."""
        x = self.r.random()
        if x < 0.1:
            return self.r.randint(1, 4)
        if x < 0.65:
            return self.r.randint(5, 60)
        if x < 0.9:
            return self.r.randint(60, 200)
        if x < 0.97:
            return self.r.randint(200, 600)
        return self.r.randint(600, 1500)

    def inline(self, lang, n, depth=0):
        """Escaped inline content of about n words, em/strong/link nested."""
        r = self.r
        if n < 3 or depth > 2 or r.random() < 0.6:
            return escape(self.words(lang, n))
        k = r.randint(1, min(6, n - 1))
        a = r.randint(0, n - k)
        before = self.words(lang, a) + " " if a else ""
        inner = self.inline(lang, k, depth + 1)
        rest = n - a - k
        after = " " + self.words(lang, rest) if rest > 0 else ""
        tag = r.choice(["em", "strong", "link"])
        if tag == "link":
            href = r.choice(["https://www.efus.eu/", "http://example.org/a?b=c&d=(e)", "mailto:contact@efus.eu",
                             "https://example.com/" + self.pseudo("en")])
            open_ = "<link href=%s>" % quoteattr(href)
            close = "</link>"
        else:
            open_, close = "<%s>" % tag, "</%s>" % tag
        return escape(before) + open_ + inner + close + escape(after)

    def plain(self, lang, n):
        """Escaped one-line text with no markup (text.plain)."""
        return escape(self.words(lang, n))

    def uid(self, base=None):
        r = self.r
        while True:
            i = base or "-".join(self.pseudo("en").lower() for _ in range(r.randint(1, 2)))
            i = "".join(ch for ch in i if ch in "abcdefghijklmnopqrstuvwxyz0123456789-") or "x"
            if i[0] == "-":
                i = "x" + i
            if i not in self.ids:
                self.ids.add(i)
                return i
            base = None

    def lang_attr(self, p=0.15):
        if self.r.random() < p:
            return ' xml:lang="%s"' % self.r.choice(MIX_LANGS + (["de"] if self.lang == "de" else []))
        return ""

    def sublang(self, attr):
        return attr.split('"')[1] if attr else None

    def years(self):
        a = self.r.randint(1990, 2024)
        x = self.r.random()
        if x < 0.3:
            return str(a)
        return "%d%s%d" % (a, self.r.choice(["-", "-", " - ", "- "]), a + self.r.randint(1, 4))

    def title(self, lang, n, br=True):
        """Title inline content; words unique to this title (no pseudo reuse)."""
        ws = [self.pseudo(lang, cap=(i == 0)) for i in range(n)]
        self.words_left -= n
        if br and n > 3 and self.r.random() < 0.4:
            k = self.r.randint(1, n - 1)
            return escape(" ".join(ws[:k])) + "<br/>" + escape(" ".join(ws[k:]))
        return escape(" ".join(ws))

    # ---------- blocks ----------
    def p(self, ind, lang, tag="p"):
        la = self.lang_attr(0.1)
        lang2 = self.sublang(la) or lang
        return "%s<%s%s>%s</%s>\n" % (ind, tag, la, self.inline(lang2, self.length()), tag)

    def picture(self, ind, lang):
        """An in-flow picture: <image> or a <figure> with caption and credit;
        its file (a PNG written by write_png) is the document's own."""
        r = self.r
        w = r.choice([240, 320, 400, 480])
        h = int(w * r.choice([0.5, 0.66, 0.75, 1.0, 1.25]))
        name = "img-%d.png" % (len(self.images) + 1)
        self.images.append((name, w, h))
        attrs = ' src="%s"' % name
        if r.random() < 0.8:
            attrs += " alt=%s" % quoteattr(self.words(lang, r.randint(1, 8)))
        else:
            attrs += ' decorative="yes"'
        if r.random() < 0.3:
            attrs += ' width="%d%%"' % r.choice([40, 50, 60, 80])
        img = "<image%s/>" % attrs
        if r.random() < 0.5:
            return "%s%s\n" % (ind, img)
        s = "%s<figure>\n%s  %s\n" % (ind, ind, img)
        if r.random() < 0.8:
            s += "%s  <caption>%s</caption>\n" % (ind, self.inline(lang, r.randint(1, 20)))
        if r.random() < 0.5:
            s += "%s  <credit>%s</credit>\n" % (ind, self.inline(lang, r.randint(1, 4)))
        return s + ind + "</figure>\n"

    def maybe_picture(self, ind, lang, p):
        return self.picture(ind, lang) if self.with_images and len(self.images) < 6 and self.r.random() < p else ""

    def lst(self, ind, lang):
        r = self.r
        s = ind + "<list>\n"
        if r.random() < 0.6:
            s += "%s  <lead>%s</lead>\n" % (ind, self.inline(lang, r.randint(2, 15)))
        for _ in range(r.randint(1, 10)):
            la = self.lang_attr(0.1)
            s += "%s  <item%s>%s</item>\n" % (ind, la, self.inline(self.sublang(la) or lang,
                                                                  r.randint(1, 80) if r.random() < 0.9 else self.length()))
        return s + ind + "</list>\n"

    def field(self, ind, lang, kind=None):
        k = ' kind="%s"' % kind if kind else ""
        return "%s<field label=%s%s>%s</field>\n" % (
            ind, quoteattr(self.words(lang, self.r.randint(1, 4))), k, self.inline(lang, self.r.randint(1, 60)))

    def address(self, ind, lang, label=None, lines=5, words=6):
        r = self.r
        lab = ""
        if label or (label is None and r.random() < 0.5):
            lab = " label=%s" % quoteattr(self.words(lang, r.randint(1, 3)))
        s = "%s<address%s>\n" % (ind, lab)
        for _ in range(r.randint(1, lines)):
            s += "%s  <line>%s</line>\n" % (ind, self.inline(lang, r.randint(1, words)))
        return s + ind + "</address>\n"

    def city(self, ind, lang):
        r = self.r
        self.cities += 1
        la = self.lang_attr(0.1)
        lg = self.sublang(la) or lang
        s = '%s<city id="%s"%s>\n' % (ind, self.uid(), la)
        s += "%s  <name>%s</name>\n" % (ind, escape(" ".join(self.pseudo(lg, True) for _ in range(r.randint(1, 3)))))
        s += "%s  <country>%s</country>\n" % (ind, escape(self.pseudo(lg, True)))
        s += "%s  <initiative>%s</initiative>\n" % (ind, self.inline(lg, r.randint(1, 14)))
        x = r.random()
        for i in range(1 if x < 0.6 else r.randint(2, 4)):
            s += self.p(ind + "  ", lg)
            if i == 0:
                s += self.maybe_picture(ind + "  ", lg, 0.15)
        if r.random() < 0.2:
            s += "%s  <support>%s</support>\n" % (ind, self.inline(lg, r.randint(1, 30)))
        if self.projects and r.random() < 0.7:
            s += ind + "  <projects>\n"
            for pid, name, years in r.sample(self.projects, r.randint(1, min(5, len(self.projects)))):
                s += '%s    <ref project="%s" years="%s">%s</ref>\n' % (ind, pid, years, escape(name))
            s += ind + "  </projects>\n"
        s += "%s  <member-since>%d</member-since>\n" % (ind, r.randint(1987, 2024))
        return s + ind + "</city>\n"

    def project(self, ind, lang):
        r = self.r
        self.nproj += 1
        pid = self.uid()
        name = " ".join(self.pseudo(lang, True) for _ in range(r.randint(1, 2)))
        years = self.years()
        self.projects.append((pid, name, years))
        la = self.lang_attr(0.1)
        lg = self.sublang(la) or lang
        s = '%s<project id="%s" years="%s"%s>\n' % (ind, pid, years, la)
        s += "%s  <name>%s</name>\n" % (ind, escape(name))
        s += "%s  <title>%s</title>\n" % (ind, self.inline(lg, r.randint(1, 16)))
        for _ in range(r.randint(1, 3)):
            s += self.p(ind + "  ", lg)
        s += self.maybe_picture(ind + "  ", lg, 0.15)
        for _ in range(r.randint(0, 4)):
            if r.random() < 0.7:
                s += self.field(ind + "  ", lg, r.choice(KINDS))
            else:
                s += self.p(ind + "  ", lg)
        return s + ind + "</project>\n"

    def service(self, ind, lang):
        s = '%s<service id="%s">\n' % (ind, self.uid())
        s += "%s  <title>%s</title>\n" % (ind, self.inline(lang, self.r.randint(1, 6)))
        for _ in range(self.r.randint(1, 3)):
            s += self.p(ind + "  ", lang)
        return s + ind + "</service>\n"

    def section(self, ind, lang, depth, plan):
        """A section with its blocks; plan["cities"]/["projects"] say how many
        cards are still to be placed and plan["card-sections"] where."""
        r = self.r
        sid = self.uid()
        la = self.lang_attr(0.12)
        lg = self.sublang(la) or lang
        toc = r.choice(["1", "1", "2", "none"]) if depth == 0 else r.choice(["2", "2", "none", "1"])
        blocks = []
        ncity = plan["cities"].pop(0) if plan["cities"] else 0
        nproj = plan["projects"].pop(0) if plan["projects"] else 0
        # the section's class (what kind of section it is) chooses its
        # layout: the house classes, a class of this document's own sheet
        # (see style_variant), or none
        if ncity:
            cls = r.choice(["cities", "cities", "gen", None])
        elif nproj:
            cls = r.choice(["projects", "gen", None])
        else:
            cls = r.choice(["text", "services", "about", "gen", None, None])
        if cls == "gen":
            cls = "k-" + self.uid()
            plan["classes"].append((cls, ncity, nproj))
        ca = ' class="%s"' % cls if cls else ""
        s = '%s<section id="%s"%s toc="%s"%s>\n' % (ind, sid, ca, toc, la)
        s += "%s  <title>%s</title>\n" % (ind, self.title(lg, r.randint(2, 9)))
        kinds = ["city"] * ncity + ["project"] * nproj
        if r.random() < 0.5:
            kinds.sort(key=lambda k: k == "city")  # projects first: cards after project cards
        else:
            r.shuffle(kinds)
        for _ in range(r.randint(0 if kinds else 1, 4)):
            kinds.insert(r.randint(0, len(kinds)), r.choice(["p", "p", "p", "list", "field", "address", "service"]))
        if depth < 2 and r.random() < 0.3:
            for _ in range(r.randint(1, 3)):
                kinds.append("section")
        for k in kinds:
            if k == "p":
                blocks.append(self.p(ind + "  ", lg))
                blocks.append(self.maybe_picture(ind + "  ", lg, 0.25))
            elif k == "list":
                blocks.append(self.lst(ind + "  ", lg))
            elif k == "field":
                blocks.append(self.field(ind + "  ", lg, r.choice([None, None] + KINDS)))
            elif k == "address":
                blocks.append(self.address(ind + "  ", lg))
            elif k == "service":
                blocks.append(self.service(ind + "  ", lg))
            elif k == "city":
                blocks.append(self.city(ind + "  ", lg))
            elif k == "project":
                blocks.append(self.project(ind + "  ", lg))
            else:
                blocks.append(self.section(ind + "  ", lg, depth + 1, plan))
        plan["sections"].append((sid, depth, ncity, nproj))
        return s + "".join(blocks) + ind + "</section>\n"

    # ---------- the document ----------
    def document(self):
        r = self.r
        L = LANGS[self.lang]
        lang = self.lang
        out = ['<?xml version="1.0" encoding="UTF-8"?>\n',
               "<!-- generated by tests/gen/gendoc.py, seed %d -->\n" % self.seed,
               '<brochure xml:lang="%s" version="1">\n' % lang,
               "  <meta>\n",
               "    <title>%s</title>\n" % self.plain(lang, r.randint(2, 12)),
               "    <author>Efus</author>\n",
               "    <publisher>%s</publisher>\n" % self.plain(lang, r.randint(1, 6)),
               "    <date>%04d-%02d</date>\n" % (r.randint(2000, 2030), r.randint(1, 12)),
               "    <subject>%s</subject>\n" % self.plain(lang, r.randint(1, 30)),
               "    <keywords>%s</keywords>\n" % self.plain(lang, r.randint(1, 10)),
               "    <labels>\n"]
        for name, key in (("page", "page"), ("support", "support"), ("projects", "projects"),
                          ("member-since", "since"), ("continued", "cont")):
            out.append('      <label name="%s">%s</label>\n' % (name, escape(L[key])))
        if r.random() < 0.3:
            out.append('      <label name="%s">%s</label>\n' % (self.uid(), self.plain(lang, r.randint(1, 3))))
        out.append("    </labels>\n  </meta>\n")
        if r.random() < 0.9:
            out.append('  <cover>\n    <brand xml:lang="en">\n')
            for w in r.sample(["European", "Forum <em>for</em>", "Urban", "Security"], r.randint(1, 4)):
                out.append("      <line>%s</line>\n" % w)
            out.append("    </brand>\n    <title>%s</title>\n  </cover>\n" % self.title(lang, r.randint(1, 8)))
        if r.random() < 0.8:
            out.append('  <editorial id="%s">\n    <title>%s</title>\n' % (self.uid(), self.title(lang, r.randint(1, 3))))
            for _ in range(r.randint(1, 7)):
                out.append(self.p("    ", lang))
            out.append(self.maybe_picture("    ", lang, 0.3))
            out.append("    <signature>\n      <name>%s</name>\n" % escape(
                " ".join(self.pseudo(lang, True) for _ in range(2))))
            for _ in range(r.randint(1, 2)):
                out.append("      <role>%s</role>\n" % self.inline(lang, r.randint(1, 6)))
            out.append("    </signature>\n  </editorial>\n")
        if r.random() < 0.85:
            out.append('  <contents id="%s">\n    <title>%s</title>\n  </contents>\n' % (
                self.uid(), self.title(lang, r.randint(1, 2))))
        if r.random() < 0.7:
            out.append("  <credits>\n")
            for _ in range(r.randint(0, 2)):
                out.append(self.p("    ", lang))
            for _ in range(r.randint(0, 3)):
                out.append(self.field("    ", lang))
            if r.random() < 0.7:
                out.append(self.address("    ", lang))
            out.append("  </credits>\n")
        # cards: how many of each, spread over a few of the top sections
        nsec = r.randint(1, 7)
        ncity = r.choice([0, 0, r.randint(1, 8), r.randint(1, 20), r.randint(20, 60)])
        nproj = r.choice([0, r.randint(1, 5), r.randint(1, 20)])
        plan = {"cities": self.spread(ncity, nsec), "projects": self.spread(nproj, nsec), "sections": [],
                "classes": []}
        # projects before cities in the document order so refs can name them
        # (a ref may also name a later project: the schema allows it; kept simple)
        for _ in range(nsec):
            out.append(self.section("  ", lang, 0, plan))
        if r.random() < 0.85:
            out.append("  <backcover>\n" + self.address("    ", lang, label=False, lines=2, words=3) + "  </backcover>\n")
        out.append("</brochure>\n")
        self.plan = plan
        return "".join(out)

    def spread(self, n, nsec):
        """n cards over nsec sections: a list of counts, mostly in one or two."""
        counts = [0] * nsec
        homes = self.r.sample(range(nsec), min(nsec, self.r.randint(1, 2)))
        for _ in range(n):
            counts[self.r.choice(homes)] += 1
        return counts


def style_variant(r, doc_classes):
    """styles/efus.xml with other columns, sizes, leading and margins."""
    tree = ET.parse(os.path.join(ROOT, "styles", "efus.xml"))
    root = tree.getroot()
    cols = r.choice([1, 2, 2, 3])
    scale = r.choice([0.85, 0.9, 1.0, 1.0, 1.1, 1.2])
    lead = r.choice([1.0, 1.0, 1.05, 1.1, 1.15])
    for t in root.iter("template"):
        if t.get("name") == "columns":
            t.set("columns", str(cols))
            t.set("gutter", "%dmm" % r.randint(4, 8))
    page = root.find("page")
    # the document's baseline grid is the body leading: scaled with it
    if page is not None and (page.get("grid") or "").endswith("pt"):
        page.set("grid", "%.2fpt" % (float(page.get("grid")[:-2]) * scale * lead))
    if page is not None and r.random() < 0.5:
        for side in ("top", "bottom", "inner", "outer"):
            if page.get(side):
                page.set(side, "%dmm" % r.randint(14, 24))
    # sections and parts start a page with the soft break: a section goes on
    # on the page before while that page is under min-fill (in that page's
    # columns when it has a template of its own and fits on the page's
    # rest); the hard break is tests/layout/short-sections.xml's.  The draw
    # stays, so that the same seed keeps giving the same document.
    r.random()
    soft = True
    card_cols = None
    for s in root.iter("style"):
        if soft and s.get("break-before") == "page" and s.get("name") in ("section", "subsection"):
            s.set("break-before", "page-if-filled")
            # and one of a template of its own that does not fit there
            # starts below that page's content, in its own columns
            s.set("share-page", "yes")
        for attr, f in (("size", scale), ("leading", scale * lead)):
            v = s.get(attr)
            if v and v.endswith("pt"):
                s.set(attr, "%.2fpt" % (float(v[:-2]) * f))
        if s.get("name") == "city-card":
            # a card column stays wider than about 40 mm: cards set in the
            # "columns" template have at most 3 columns across the page
            card_cols = r.choice([1, 2, 2, 3][:max(1, 4 - cols)] if cols > 1 else [1, 2, 2, 3])
            card_cols = min(card_cols, max(1, 3 // cols))
            s.set("columns", str(card_cols))
            s.set("padding", "%dmm" % r.randint(3, 6))
            # a card that would move whole to the next page, leaving this
            # one under min-fill, splits where it stands (on its ground,
            # "suite" at the continuation)
            s.set("split-to-fill", "yes")
    # the editorial and the Sommaire (parts with their own template) too
    st = ET.SubElement(root, "style", {"name": "part-soft", "parent": "base",
                                       "break-before": "page-if-filled", "share-page": "yes"})
    st.tail = "\n"
    for rule in root.iter("role"):
        if rule.get("element") in ("editorial", "contents") and rule.get("role") in ("part", "contents"):
            rule.set("style", "part-soft")
    # the document's own section classes: a template each, 1-3 columns,
    # chosen by the section-CLASS style (the one way a sheet of the series
    # gives sections a layout)
    n = 0
    for cls, ncity, nproj in doc_classes:
        k = r.choice([1, 1, 2, 3]) if ncity else r.choice([1, 2, 3])
        if ncity and card_cols and k * card_cols > 3:
            k = 1
        n += 1
        t = ET.SubElement(root, "template", {"name": "gen-%d" % n, "columns": str(k),
                                             "gutter": "%dmm" % r.randint(4, 8), "footer": "yes"})
        t.tail = "\n"
        st = ET.SubElement(root, "style", {"name": "section-" + cls, "parent": "section",
                                           "template": "gen-%d" % n})
        st.tail = "\n"
        # the rule that gives the class its style, before the rules for
        # sub-sections and for sections of no class
        rule = ET.Element("role", {"element": "section", "class": cls, "role": "section",
                                   "style": "section-" + cls, "title-style": "section-title"})
        rule.tail = "\n  "
        kids = list(root)
        at = next((i for i, e in enumerate(kids) if e.tag == "role" and e.get("element") == "section"
                   and not e.get("class")), len(kids))
        root.insert(at, rule)
    return tree, dict(columns=cols, card_columns=card_cols, scale=scale, leading=lead)


def write_png(path, w, h, salt):
    """An RGB PNG of w x h pixels (bands of colour): zlib and struct only."""
    rows = []
    for y in range(h):
        c = bytes(((y * 3 + salt * 40) % 256, (y + salt * 90) % 256, (salt * 20 + y // 2) % 256))
        rows.append(b"\0" + c * (w // 2) + bytes((255 - c[0], c[1], 255 - c[2])) * (w - w // 2))
    raw = zlib.compress(b"".join(rows), 6)

    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xffffffff)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", raw) + chunk(b"IEND", b""))


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    opts = dict(a[2:].split("=", 1) if "=" in a else (a[2:], "1") for a in argv[1:] if a.startswith("--"))
    if len(args) != 2 or not args[0].lstrip("-").isdigit():
        sys.stderr.write("usage: gendoc.py [--words=N] [--print] SEED OUTDIR\n")
        return 2
    seed = int(args[0])
    out = args[1]
    os.makedirs(out, exist_ok=True)
    g = Gen(seed, int(opts.get("words", 7000)))
    doc = g.document()
    with open(os.path.join(out, "doc.xml"), "w", encoding="utf-8") as f:
        f.write(doc)
    for name, w, h in g.images:
        write_png(os.path.join(out, name), w, h, seed + len(name) + w)
    tree, info = style_variant(random.Random(seed * 7919 + 1), g.plan["classes"])
    tree.write(os.path.join(out, "style.xml"), encoding="UTF-8", xml_declaration=True)
    if "print" in opts:
        print("seed %d: lang %s, %d cities, %d projects, %d sections, section columns %d, card columns %s, "
              "size x%.2f, leading x%.2f" % (seed, g.lang, g.cities, g.nproj, len(g.plan["sections"]),
                                             info["columns"], info["card_columns"], info["scale"], info["leading"]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
