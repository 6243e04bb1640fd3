"""Which short forms go with which given names: the project's own table.

Written for the project from general knowledge of naming customs (facts of
usage, not copied from any list). Each line is one family: a given name
(and its common spellings) before the colon, the short forms and pet forms
people use for it after. A short form may belong to several families
("dre": Andre, Andrea, Andrew, Deirdre); :mod:`toolkit.anonymize.pseudonyms`
then merges it with a name of a group only when exactly one family fits.
Regular pet forms built with "-y", "-ie" or "-ey" ("Jakey", "Sammy",
"Katie") are derived by rule and need no line here.
"""

from __future__ import annotations

from functools import lru_cache

from .names import fold

_FAMILIES = """
abigail: abby abbie abi
adebayo: bayo debo
adeola: deola
adewale: wale
abdullah abdallah: abdul abdi
abdulrahman: abdul rahman
aleksander alexander alejandro alessandro: alex xander sasha lex sandro ale alec
alexandra alexandria alejandra alessandra: alex alexa lexi lexie sasha ale
alfred alfredo: alf alfie fred freddie
alison allison: ali ally allie
amanda: mandy manda
anastasia: stacy stacey nastya tasia
andre andré andrei: dre andy
andrea: andi dre drea
andrew andreas andrés andres: andy drew dre andi
angela angelina angelica: angie angel geli
anthony antonio anton: tony ant toni antó
antonia antonella: toni tonia
arabella: bella bel
archibald: archie
arthur: art artie
barbara: barb babs barbie
bartholomew: bart
benjamin: ben benji benny
benedict: ben benny
bernadette: bernie detta
bernard: bernie
beatrice beatriz: bea trixie bee
bridget: biddy bridie
camila camilla: cami millie
caroline carolina carolyn: caro carrie lina
catherine katherine kathryn katarina katrina caterina ekaterina kateryna: cat kat kate katie kathy cathy kitty kasia katya
cecilia: cece celia cissy
charles carlos carl: charlie chuck chas chaz carlitos
charlotte: charlie lottie lotte char
christina christine kristina: chris christie kristi
christopher christoph kristof: chris kit topher toph
cornelius: neil con
cynthia: cindy
daniel: dan danny dani
danielle daniela: dani
david: dave davy
deborah: deb debs debbie
deirdre: dee dre
dominic dominik dominique: dom nic
donald: don donny
dorothy: dot dottie
edward eduardo: ed eddie ted teddy ned
eleanor elinor eleanora: ellie nell
elizabeth elisabeth elisabetta: liz lizzie lizzy beth betty bess bessie libby
isabel isabella isabelle: bella izzy isa
emily emilia: em emmy milly millie
emmanuel manuel: manny
ernest ernesto: ernie
eugene: gene
evelyn: evie
florence: flo florrie
frances francesca francisca: fran fanny frankie cesca
francis francisco franz francesco: frank frankie fran paco pancho chico cesco
frederick frederik federico: fred freddie freddy fritz rick
gabriel gabriele: gabe gabi
gabriella gabrielle: gabi gabby
genevieve: gen genny
geoffrey jeffrey: geoff jeff
gerald gerard: gerry jerry ged
gregory: greg
gwendolyn: gwen
harold: hal
harriet: hattie
helena: nell
henry: hal hank
herbert: herb bert
hubert: hugh bert
ignatius ignacio: iggy nacho
isaac: ike zac
isidore: izzy
jacob jakob: jake jakey
jacqueline: jackie jacqui
james: jim jimmy jamie jay jimbo
jennifer: jen jenny jenn
jessica: jess jessie jessy
jonathan johnathan: jon jonny jonty
john: johnny jock
joseph josé jose giuseppe: joe joey jo pepe beppe
josephine: jo josie fina
joshua: josh
judith: judy jude
kenneth: ken kenny
kimberly kimberley: kim
lawrence laurence: larry laurie lol
leonard leonardo: leo len lenny
leonora: leo nora
lucinda: lucy cindy
luciano: luca lucho
magdalena madeleine madeline: maddie magda
małgorzata: gosia małgosia gosha
margaret margarita marguerite: maggie meg peggy marge madge
martha: marty mattie
martin: marty
mary maria marie: mimi
matilda mathilde: tilly tilda mattie
matthew matteo mathieu: matt matty
maximilian maxwell maximus: max
melissa: mel missy lissa
michael miguel michele mikhail: mike mikey mick micky mickey mich miki misha
michelle michaela: shell chelle shelly mich
mohammed muhammad mohammad mohamed: mo moh hamid hamada
natalie natalia nathalie: nat talia natasha tasha
nathan nathaniel: nat nate
nicholas nicolas nikolai: nick nicky nico kolya
nicole nicola: nicki nikki nic cole
olivia: liv livvy
oliver: ollie olly
oluwaseun: seun
oluwatobi: tobi
oluwafemi: femi
patricia: pat patty trish tricia
patrick: pat paddy rick
penelope: penny pen
peter: pete
philip phillip: phil pip
rachel: rach
raphael rafael: rafa raf
rebecca: becky becca bex bec
richard: rich rick ricky dick richie
robert roberto: rob robbie bob bobby bert
roberta: bobbie robbie
ronald: ron ronnie
rosalind rosemary rosalie: rosie ros roz
samantha: sam sammy sami
samuel: sam sammy
sandra: sandy
sarah sara: sal
sebastian sebastián: seb bas bastian
siobhan: shiv
sophia sophie sofia: soph sophie
stephanie stefanie: steph stevie
stephen steven stefan esteban: steve stevie
susan susanna suzanne: sue susie suzy
suleiman sulaiman: sule
terence terrence: terry tel
theodore: theo ted teddy
thomas tomás tomasz: tom tommy
timothy: tim timmy
tobias: toby
valentina: val
valerie: val
victoria: vicky vic tori tory
vincent vincenzo: vince vinny
virginia: ginny
walter: walt wally
william willem wilhelm guillermo: will willy bill billy memo
winifred: winnie
yasmin yasmina jasmine: yaz jaz
yolanda: yoli
zachary: zach zack zac
zoe zoey: zo
"""  # noqa: E501 (one family per line: the table cannot wrap)


@lru_cache(maxsize=1)
def families() -> dict[str, frozenset[int]]:
    """Folded name -> the families (line numbers of the table) it belongs to.

    Examples
    --------
    >>> len(families()["dre"]) > 1
    True
    """
    table: dict[str, set[int]] = {}
    for number, line in enumerate(line for line in _FAMILIES.splitlines() if line.strip()):
        formal, _, short = line.partition(":")
        for name in formal.split() + short.split():
            table.setdefault(fold(name), set()).add(number)
    return {name: frozenset(ids) for name, ids in table.items()}


def pet_forms(name: str) -> set[str]:
    """Pet forms built by rule on a folded given name: "jake" -> "jakey", "jakie"; "sam" -> "sammy"; "kate" -> "katie".

    Examples
    --------
    >>> sorted(pet_forms("sam"))
    ['samey', 'samie', 'sammie', 'sammy', 'samy']
    """
    if len(name) < 3 or not name.isalpha():
        return set()
    if name.endswith("e"):
        return {name + "y", name[:-1] + "ie", name[:-1] + "y"}
    if name[-1] in "aiouy":
        return set()
    return {name + "y", name + "ie", name + "ey", name + name[-1] + "y", name + name[-1] + "ie"}


@lru_cache(maxsize=50_000)
def name_variants(name: str) -> frozenset[str]:
    """Other forms of a folded given name that name the same person when nobody else in the group fits:
    its nickname-table family and its pet forms (never spelling slips, which are not enumerable).

    Examples
    --------
    >>> {"dre", "andy"} <= name_variants("andre")
    True
    """
    table = families()
    ids = table.get(name, frozenset())
    family = {other for other, other_ids in table.items() if other_ids & ids} if ids else set()
    return frozenset((family | pet_forms(name) | _romance_diminutives(name)) - {name})


def _romance_diminutives(name: str) -> set[str]:
    """Portuguese and Spanish diminutives: "thiago" -> "thiaguinho", "ana" -> "aninha", "juan" -> "juanito"."""
    if len(name) < 3 or not name.isalpha():
        return set()
    stem = name[:-1] if name[-1] in "aeo" else name
    stem = stem + "u" if stem.endswith("g") else stem
    return {stem + suffix for suffix in ("inho", "inha", "ito", "ita", "zinho", "zinha")}
