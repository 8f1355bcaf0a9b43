"""Word lists the extractors share: reporting verbs, speaker nouns, titles and demonyms.

Kept as data in one place so that both extractors (and the curator reading them) agree on what
counts as a cue. Every entry is lower case.
"""

from __future__ import annotations

# Reporting verbs by lemma, with the forms news text uses. A verb that takes a clause ("said
# that ...") or a quotation; the regex extractor needs the forms, the parser the lemma.
CUE_VERBS: dict[str, tuple[str, ...]] = {
    "say": ("say", "says", "said", "saying"),
    "tell": ("tell", "tells", "told", "telling"),
    "state": ("state", "states", "stated", "stating"),
    "add": ("add", "adds", "added", "adding"),
    "note": ("note", "notes", "noted", "noting"),
    "stress": ("stress", "stresses", "stressed", "stressing"),
    "emphasize": (
        "emphasize",
        "emphasizes",
        "emphasized",
        "emphasizing",
        "emphasise",
        "emphasises",
        "emphasised",
        "emphasising",
    ),
    "argue": ("argue", "argues", "argued", "arguing"),
    "claim": ("claim", "claims", "claimed", "claiming"),
    "warn": ("warn", "warns", "warned", "warning"),
    "urge": ("urge", "urges", "urged", "urging"),
    "announce": ("announce", "announces", "announced", "announcing"),
    "declare": ("declare", "declares", "declared", "declaring"),
    "confirm": ("confirm", "confirms", "confirmed", "confirming"),
    "insist": ("insist", "insists", "insisted", "insisting"),
    "explain": ("explain", "explains", "explained", "explaining"),
    "clarify": ("clarify", "clarifies", "clarified", "clarifying"),
    "suggest": ("suggest", "suggests", "suggested", "suggesting"),
    "acknowledge": ("acknowledge", "acknowledges", "acknowledged", "acknowledging"),
    "admit": ("admit", "admits", "admitted", "admitting"),
    "deny": ("deny", "denies", "denied", "denying"),
    "remark": ("remark", "remarks", "remarked", "remarking"),
    "comment": ("comment", "comments", "commented", "commenting"),
    "reply": ("reply", "replies", "replied", "replying"),
    "respond": ("respond", "responds", "responded", "responding"),
    "write": ("write", "writes", "wrote", "writing"),
    "tweet": ("tweet", "tweets", "tweeted", "tweeting"),
    "caution": ("caution", "cautions", "cautioned", "cautioning"),
    "reiterate": ("reiterate", "reiterates", "reiterated", "reiterating"),
    "underline": ("underline", "underlines", "underlined", "underlining"),
    "underscore": ("underscore", "underscores", "underscored", "underscoring"),
    "highlight": ("highlight", "highlights", "highlighted", "highlighting"),
    "point": ("point", "points", "pointed", "pointing"),  # "pointed out"
    "assure": ("assure", "assures", "assured", "assuring"),
    "maintain": ("maintain", "maintains", "maintained", "maintaining"),
    "concede": ("concede", "concedes", "conceded", "conceding"),
    "predict": ("predict", "predicts", "predicted", "predicting"),
    "promise": ("promise", "promises", "promised", "promising"),
    "pledge": ("pledge", "pledges", "pledged", "pledging"),
    "vow": ("vow", "vows", "vowed", "vowing"),
    "believe": ("believe", "believes", "believed"),
    "recall": ("recall", "recalls", "recalled", "recalling"),
    "observe": ("observe", "observes", "observed", "observing"),
    "indicate": ("indicate", "indicates", "indicated", "indicating"),
    "report": ("report", "reports", "reported"),
    "ask": ("ask", "asks", "asked"),
    "reject": ("reject", "rejects", "rejected", "rejecting"),
    "accuse": ("accuse", "accuses", "accused", "accusing"),
    "call": ("call", "calls", "called", "calling"),  # "called for"
    "express": ("express", "expresses", "expressed", "expressing"),
    "propose": ("propose", "proposes", "proposed", "proposing"),
    "quote": ("quote", "quotes", "quoted"),
    "continue": ("continue", "continues", "continued"),
    "conclude": ("conclude", "concludes", "concluded"),
    "mention": ("mention", "mentions", "mentioned", "mentioning"),
    "reaffirm": ("reaffirm", "reaffirms", "reaffirmed", "reaffirming"),
    "dismiss": ("dismiss", "dismisses", "dismissed", "dismissing"),
    "describe": ("describe", "describes", "described", "describing"),
    # only the forms that are rarely nouns: "the demands", "a signal" must not read as cues
    "reveal": ("revealed", "reveals", "revealing"),
    "disclose": ("disclosed", "discloses"),
    "complain": ("complained", "complains", "complaining"),
    "demand": ("demanded", "demanding"),
    "agree": ("agreed", "agrees"),
    "hint": ("hinted", "hints"),
    "signal": ("signalled", "signaled", "signals"),
    "boast": ("boasted", "boasts"),
    "lament": ("lamented", "laments"),
    "threaten": ("threatened", "threatens", "threatening"),
    "contend": ("contended", "contends"),
    "assert": ("asserted", "asserts"),
    "allege": ("alleged", "alleges", "alleging"),
    "counter": ("countered", "counters"),
    "retort": ("retorted",),
    "quip": ("quipped",),
    "testify": ("testified", "testifies"),
    "answer": ("answered",),
    "inform": ("informed",),
    "criticise": ("criticised", "criticized", "criticises", "criticizes"),
    "condemn": ("condemned", "condemns"),
    "praise": ("praised", "praises"),
    "welcome": ("welcomed", "welcomes"),
}

VERB_LEMMA: dict[str, str] = {form: lemma for lemma, forms in CUE_VERBS.items() for form in forms}

NP_CONTENT_VERBS = frozenset(
    {
        # verbs whose object is the content even without "that": "He emphasized the need ..."
        "emphasize", "stress", "highlight", "underline", "underscore", "announce", "deny",
        "reject", "acknowledge", "express", "propose", "urge", "reiterate", "reaffirm",
        "dismiss", "warn", "caution", "comment", "remark", "call", "accuse", "criticise",
        "condemn", "praise", "welcome",
    }
)  # fmt: skip

PARTICLES: dict[str, tuple[str, ...]] = {
    # a preposition that belongs to the cue: "commented on", "called for", "pointed out"
    "comment": ("on",),
    "remark": ("on", "upon"),
    "warn": ("of", "about", "against"),
    "caution": ("against", "about"),
    "call": ("for",),
    "point": ("out",),
}
PARTICLE_REQUIRED = frozenset({"point", "call"})
"""Verbs that report speech only with their particle: "pointed out", "called for"."""
NAMING_VERBS = frozenset({"call", "describe"})
"""Verbs that report speech with a quoted description of what they name: `calling it "a
turning point"`, `described the plan as "reckless"`."""

SPEAKER_NOUNS = frozenset(
    {
        "official", "officials", "spokesman", "spokeswoman", "spokesperson", "spokespeople",
        "minister", "president", "premier", "chancellor", "secretary", "leader", "leaders",
        "head", "chief", "diplomat", "diplomats", "source", "sources", "representative",
        "representatives", "ambassador", "envoy", "general", "commander", "adviser", "advisor",
        "analyst", "expert", "experts", "lawmaker", "lawmakers", "senator", "governor", "mayor",
        "king", "queen", "office", "ministry", "government", "kremlin", "administration",
        "prosecutor", "judge", "director", "officer", "aide", "aides", "member", "members",
        "parliament", "council", "board", "committee", "union", "party", "statement", "newspaper",
        "agency", "army", "military", "police", "spokesmen", "people", "residents", "witnesses",
        "chairman", "chairwoman", "chair", "ceo", "founder", "professor", "researcher",
        "economist", "negotiator", "counterpart", "counterparts", "allies", "partners",
        "countries", "nations", "states", "journalist", "reporter", "correspondent",
        "organization", "organisation", "company", "group", "groups", "association", "operator",
        "regulator", "authority", "authorities", "commission", "institute", "bank",
        "court", "body", "campaigners", "activists", "protesters", "unions", "firm",
        "spokespersons", "owner", "investors", "doctors", "farmers", "workers", "scientists",
        "researchers", "critics", "opponents", "supporters", "observers", "monitors", "side",
        "sides", "camp", "team", "delegation", "delegations", "negotiators",
    }
)  # fmt: skip

PERSON_PRONOUNS = frozenset({"he", "she"})
GROUP_PRONOUNS = frozenset({"they"})
BODY_PRONOUNS = frozenset({"it"})
"""An organisation, a state or an office speaking: `In a statement, it said that ...`."""
PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS | BODY_PRONOUNS

NOT_SPEAKERS = frozenset(
    {
        # words that start a subject which is not a speaker: "it was noted", "this shows"
        "it", "this", "that", "these", "those", "there", "which", "what", "who", "whom",
        "we", "i", "you", "nothing", "everything", "something", "anyone", "everyone", "such",
        "here", "nobody", "none",
    }
)  # fmt: skip

INTRODUCERS = frozenset(
    {
        # first words of a clause that opens a sentence before its subject: "Later, X said"
        "later", "earlier", "meanwhile", "however", "also", "in", "on", "at", "per", "after",
        "before", "during", "previously", "separately", "then", "still", "moreover", "yet",
        "furthermore", "additionally", "speaking", "asked", "when", "while", "since", "last",
        "this", "from", "for", "with", "by", "as", "but", "and", "so", "instead", "again",
        "overall", "now", "today", "yesterday", "tomorrow", "recently", "finally", "first",
        "similarly", "likewise", "meantime", "following", "according", "responding", "until",
        "under", "over", "amid", "among", "despite", "unlike", "like", "within", "without",
    }
)  # fmt: skip

CLAUSE_OPENERS = frozenset(
    {
        # words after which a new clause, and so a new subject, starts
        "that", "after", "before", "as", "when", "while", "because", "but", "and", "although",
        "though", "since", "whereas", "if", "unless", "until", "once", "so", "where", "whom",
    }
)  # fmt: skip

VERB_MODIFIERS = frozenset(
    {
        # words between a subject and its cue: "has also repeatedly said"
        "also", "has", "have", "had", "previously", "repeatedly", "again", "later", "then",
        "once", "already", "consistently", "firmly", "publicly", "reportedly", "recently",
        "earlier", "further", "would", "will", "did", "does", "do", "just", "quickly",
        "privately", "explicitly", "openly", "separately", "subsequently", "similarly",
        "likewise", "now", "still", "however", "is", "was", "were", "are", "even",
        "clearly", "bluntly", "flatly", "categorically", "strongly",
    }
)  # fmt: skip

PASSIVE_MARKERS = frozenset({"is", "was", "were", "are", "be", "been", "being"})

TITLE_WORDS = frozenset(
    {
        "president", "prime", "minister", "chancellor", "secretary", "foreign", "defence",
        "defense", "spokesman", "spokeswoman", "spokesperson", "premier", "general", "deputy",
        "vice", "chief", "head", "leader", "former", "acting", "interior", "finance", "state",
        "assistant", "undersecretary", "ambassador", "envoy", "king", "queen", "senator",
        "governor", "mayor", "commander", "adviser", "advisor", "national", "security",
        "director", "chairman", "chairwoman", "speaker", "representative", "of", "the", "for",
        "and", "affairs", "mr", "mrs", "ms", "dr", "sir", "lord", "lady", "senior", "top",
        "opposition", "party", "council", "office", "ministry", "economy", "trade", "health",
        "justice", "armed", "forces", "military", "army", "navy", "european", "eurasian",
        "un", "nato", "eu", "us", "white", "house", "kremlin", "new", "possible", "next",
        "incoming", "outgoing", "designate", "elect", "communications", "press", "spokesmen",
    }
)  # fmt: skip

HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady"})
"""Forms of address: dropped from a proposed person's name, never kept as a role."""

LEADING_TITLES = frozenset(
    {
        "councillor", "councilor", "councilman", "councilwoman", "alderman", "alderwoman",
        "professor", "prof", "judge", "mp", "mep", "rep", "sen", "gov", "rev", "reverend",
        "bishop", "archbishop", "cardinal", "rabbi", "imam", "sheikh", "colonel", "col",
        "lieutenant", "lt", "captain", "capt", "sergeant", "sgt", "inspector", "detective",
        "superintendent", "commissioner", "admiral", "gen", "supt", "det", "insp", "cllr",
    }
)  # fmt: skip
"""Titles written before a name ("Councillor Jane Pike"); also surnames ("Julie Bishop"), so
only taken as a title when a name follows them. Not "pope", "king" or "queen": "Pope Francis"
and "King Charles" are the names those people go by."""

_HEADS = ("president", "prime minister", "chancellor", "premier", "king", "queen", "head of state")
_DEFENCE = (
    "minister of defence",
    "minister of defense",
    "minister of the armed forces",
    "defence secretary",
    "defense secretary",
    "secretary of defense",
)
_FOREIGN = ("minister of foreign affairs", "foreign minister", "foreign secretary")
_SPOKES = ("spokesperson", "spokesman", "spokeswoman", "press secretary")
TITLE_CATEGORIES: dict[str, tuple[str, ...]] = {
    # a word a writer uses for an office -> words of role titles it may stand for
    "leader": _HEADS,
    "president": ("president",),
    "prime minister": ("prime minister", "premier"),
    "premier": ("prime minister", "premier"),
    "chancellor": ("chancellor",),
    "foreign minister": _FOREIGN,
    "foreign secretary": _FOREIGN,
    "defence minister": _DEFENCE,
    "defense minister": _DEFENCE,
    "defence secretary": _DEFENCE,
    "spokesman": _SPOKES,
    "spokeswoman": _SPOKES,
    "spokesperson": _SPOKES,
    "secretary general": ("secretary general", "secretary-general"),
}

DEMONYMS: dict[str, str] = {
    # demonym -> country name as writers spell it; matched against the data's government names
    "french": "france", "polish": "poland", "czech": "czech republic", "slovak": "slovakia",
    "swedish": "sweden", "british": "united kingdom", "german": "germany", "italian": "italy",
    "spanish": "spain", "dutch": "netherlands", "american": "united states", "russian": "russia",
    "ukrainian": "ukraine", "chinese": "china", "japanese": "japan", "indian": "india",
    "turkish": "turkey", "hungarian": "hungary", "romanian": "romania", "bulgarian": "bulgaria",
    "greek": "greece", "austrian": "austria", "swiss": "switzerland", "belgian": "belgium",
    "danish": "denmark", "norwegian": "norway", "finnish": "finland", "estonian": "estonia",
    "latvian": "latvia", "lithuanian": "lithuania", "portuguese": "portugal", "irish": "ireland",
    "canadian": "canada", "australian": "australia", "israeli": "israel", "iranian": "iran",
    "belarusian": "belarus", "moldovan": "moldova", "georgian": "georgia", "serbian": "serbia",
    "croatian": "croatia", "slovenian": "slovenia", "brazilian": "brazil", "mexican": "mexico",
    "korean": "south korea", "north korean": "north korea", "south korean": "south korea",
    "saudi": "saudi arabia", "egyptian": "egypt", "syrian": "syria", "iraqi": "iraq",
    "palestinian": "palestine", "lebanese": "lebanon", "jordanian": "jordan", "qatari": "qatar",
    "pakistani": "pakistan", "afghan": "afghanistan", "south african": "south africa",
    "nigerian": "nigeria", "kenyan": "kenya", "argentine": "argentina", "chilean": "chile",
    "colombian": "colombia", "venezuelan": "venezuela", "cuban": "cuba", "us": "united states",
    "uk": "united kingdom", "eu": "european union", "european": "european union",
    "english": "united kingdom", "scottish": "united kingdom", "welsh": "united kingdom",
    "kremlin": "russia", "white house": "united states", "elysee": "france", "élysée": "france",
    "downing street": "united kingdom",
}  # fmt: skip

NEGATORS = frozenset(
    {
        "not", "no", "never", "nothing", "cannot", "can't", "won't", "don't", "doesn't",
        "didn't", "isn't", "aren't", "wasn't", "weren't", "shouldn't", "wouldn't", "couldn't",
        "neither", "nor", "without", "refused", "refuses", "refuse", "refusing", "declined",
        "declines", "n't", "none", "nobody", "hardly",
    }
)  # fmt: skip
