"""Hand-written word lists for name detection.

Written for the project from general knowledge of English usage (not tuned
on the evaluation set): titles and kinship words that introduce a name, verbs
that follow a person, and capitalised words that look like names but usually
are not (months, days, places, brands).
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# A name follows these: "Dr. Alvarez", "Auntie Bola", "Uncle Ray".
TITLES = _words("""
docteur doktor dottore dottoressa madame monsieur señor señora senhor senhora mevrouw meneer
dr doctor mr mrs ms miss mx prof professor sir dame rev reverend fr father pastor rabbi imam sheikh coach officer
detective judge captain capt sgt sergeant aunt auntie aunty tia tita tante uncle tio tito cousin grandma grandpa
granny grandad granddad gran nan nana nanna abuela abuelo oma opa bibi dadi nani dada babcia khala khalu mamu
mami chacha chachi phuphi phupho bua masi mausi didi bhaiya apa aapa baji kuya lola lolo tita tito nonna nonno
ciocia wujek babushka onkel oncle mama baba dra sra srta mme mlle herr frau senhor senhora senor senora signor
signora dott licenciado licenciada ingeniero ingeniera arquitecto arquitecta abogado abogada
""")

# "my ex Dylan", "my best friend Tash": a name often follows these.
RELATIONS = _words("""
ex friend friends bestie bff bf gf boyfriend girlfriend partner husband wife hubby wifey fiance fiancé fiancee fiancée
brother sister bro sis cousin son daughter mate boss manager colleague coworker co-worker roommate flatmate housemate
neighbour neighbor therapist counsellor counselor psychiatrist psychologist sponsor stepdad stepmum stepmom stepbrother
stepsister niece nephew crush date landlord landlady teacher tutor mentor doctor gp supervisor lecturer priest midwife
nurse carer ex-husband ex-wife ex-boyfriend ex-girlfriend ex-partner twin baby kid grandson granddaughter godson
goddaughter godmother godfather mum mom dad mother father grandmother grandfather aunt uncle pal buddy
name named nickname mother-in-law father-in-law sister-in-law brother-in-law son-in-law daughter-in-law in-law
in-laws mil fil sil bil
""")

# Verbs put in front of a person: "told Jake", "texted priya".
OBJECT_VERBS = _words("""
told tell tells telling asked ask asks asking texted text texting messaged message messaging dm'd dmed dm called
rang ring hugged hug kissed kiss met meet meeting saw see seeing thanked thank blocked unblocked unfollowed ghosted
invited invite invites emailed email facetimed facetime phoned phone visited visit visiting married marry dated
pushed punched kicked slapped shoved bullied
dating miss missed missing introduced pinged ping bumped caught hate hated trust trusted love loves adore adores
""")

# A person did or said something: "Jake texted", "will said".
PERSON_VERBS = _words("""
said says told tells texted texts asked asks called calls messaged messages replied replies rang rings laughed laughs
cried cries smiled smiles left leaves came comes went goes thinks thought wants wanted knows knew likes liked loves
loved hates hated admitted admits explained explains shouted yelled snapped sighed agreed agrees insisted insists
promised promises mentioned mentions suggested suggests noticed notices hugged hugs kissed kisses cheated cheats lied
lies ghosted ghosts blocked dumped broke moved started stopped keeps kept got gets gave gives made makes sent sends
found finds seems seemed looked looks sounded sounds doesn't didn't isn't wasn't hasn't hadn't won't wouldn't can't
couldn't reckons reckoned wrote writes posted posts replied dmed dm'd facetimed emailed asked tagged swore swears
apologised apologized apologises apologizes forgot forgets remembered remembers showed shows offered offers
invited invites picked picks brought brings spent spends helped helps needs needed believes believed pointed
took takes stayed stays read turned turns deserves deserved sat stood walked drove held paid pays bought cooked
waited waits slept works worked lives lived moved joined joins died passed organised organized booked handled
doesnt didnt wont cant hasnt hadnt danced dances sang sings nodded nods shrugged shrugs ran runs whispered whispers
grinned grins winked waved waves joked jokes teased teases arrived arrives phoned phones visited visits screamed
screams did talked talks
""")
# Adverbs that may stand between a name and its verb: "bill still hasnt".
ADVERBS = _words("still just never always also really literally finally actually even already basically kinda")

# Function words are never names, whatever a name list says ("He", "My").
FUNCTION_WORDS = _words("""
i i'm im i've i'd i'll me my mine myself you your yours yourself u ur he him his himself she her hers herself it its
itself we us our ours ourselves they them their theirs themselves this that these those who whom whose which what
the a an and or but nor so yet for of in on at to from by with about as into onto over under after before since
until while because if then than though although when where why how not no yes all any both each every few more
most other some such only own same too very can could would shall should might must do does did done be
been being am is are was were have has had there here just also afterwards anyway maybe perhaps
""")
# After a name these say it is a work or a character, not a person here.
WORK_NOUNS = _words("novel novels song songs film films movie movies show shows book books album albums series episode "
                    "character characters concert tour lyric lyrics biopic podcast quote quotes")
# Forms of "be"/"have" count only after a name that cannot be a verb itself.
LINKING_VERBS = _words("is was has had isnt wasnt hasnt")

# Words after which a capitalised word is a thing, not a person ("the Grace").
DETERMINERS = _words("the a an this that these those some any every each no its of")

# Introduces a date or a place rather than a person: "in April", "to Paris".
PLACE_OR_TIME_PREPOSITIONS = _words("""
in on at to from since until till by during before after last next this early mid late through throughout of every
around near visit visited visiting moved flew fly drove living live lives lived
""")

# Kinship and address words that are never a person's name on their own, in
# any case; some appear in name lists ("Nana" is a Ghanaian first name).
NEVER_NAMES = _words("""
mum mom mam mammy mummy mommy mama momma ma dad daddy dada papa pa pop pops nan nana nanna gran granny grandma
grandpa grandad granddad grandmother grandfather auntie aunty aunt uncle abuela abuelo abuelita amma appa ammi
abba abbu ammu baba babe baby bae bro bruh bros sis sissy hun hon honey sweetie darling love luv mate mates dude
guy guys fam bestie bff bf gf hubby wifey god lord jesus allah christ buddha doc sir madam miss mrs mr ms dr
prof professor nurse coach boss teacher therapist counsellor counselor everyone everybody someone somebody anyone
anybody nobody noone no-one
""") | _words("""
mir mich dich dir danke bitte tschuss tschüss hallo hoi doei groetjes bedankt gezellig querido querida obrigado obrigada
tudo voce você namaste namaskar abeg wahala oya sef dey ehn urs expat eircode finanzamt centrelink hola gracias
merci bonjour salut ciao grazie prego nein shukran habibi habibti yalla inshallah mashallah
""") | _words("""
teta jiddo sitto sittu teyze amca dayi yenge papai mamae maman papy jiejie gege meimei nainai yeye laolao waipo
ayi shushu akka thatha paati ammamma bhabhi veerji paaji oppa unnie noona hyung eomma halmeoni vovo zio babbo
yiayia pappou oupa tannie dedushka dyadya tyotya bunica dziadek mormor farmor morfar farfar
dra sra srta mme mlle salam salaam asalaam assalamu shalom merhaba selamat sawubona habari jambo konnichiwa annyeong
kumusta privet ahoj czesc servus moin hej
umma omma mumma mumsy bhai inay itay nanay tatay noi ngoai
""")

# Honorifics and kin words said after a name: "Harpreet ji", "Chidi bhai", "Tanaka san", "Karthik anna".
POST_TITLES = _words("""
ji veerji paaji bhai bhaiya baji didi apa aapi akka anna san kun chan sama sensei ssi nim hanim bey abla efendi
garu sahib saab sahab jaan
""")

# Capitalised words that are rarely a person although name lists contain them.
MONTHS = _words("january february march april may june july august september october november december")
DAYS = _words("monday tuesday wednesday thursday friday saturday sunday")
NOT_PERSON_CAPITALISED = MONTHS | DAYS | _words("""
christmas easter diwali eid ramadan hanukkah passover thanksgiving halloween new year valentine valentine's
english british scottish welsh irish american canadian australian indian pakistani nigerian ghanaian kenyan
chinese japanese korean vietnamese filipino thai polish german french italian spanish portuguese russian ukrainian
turkish greek dutch swedish mexican brazilian african asian european latino latina latinx black white christian
catholic muslim jewish hindu sikh buddhist mormon protestant baptist methodist anglican orthodox arabic hindi
urdu punjabi bengali tamil gujarati yoruba igbo hausa swahili mandarin cantonese tagalog
london paris boston berlin madrid rome dublin melbourne toronto vancouver chicago houston
denver seattle atlanta miami orlando vegas manhattan york jersey lagos accra nairobi mumbai delhi
karachi lahore dhaka tokyo seoul beijing shanghai manila jakarta bangkok dubai cairo leeds manchester liverpool
birmingham bristol glasgow edinburgh cardiff belfast sheffield newcastle nottingham leicester oxford cambridge
brighton york kent essex devon cornwall surrey wales scotland england ireland britain america
canada mexico india pakistan nigeria ghana kenya china japan korea vietnam philippines poland germany france
italy spain portugal russia ukraine turkey greece florida texas california
washington hollywood disney netflix spotify instagram insta facebook whatsapp tiktok
snapchat twitter reddit tinder hinge bumble grindr google amazon apple microsoft uber deliveroo tesco aldi lidl
asda sainsbury's sainsburys waitrose morrisons boots primark ikea starbucks costa pret mcdonald's mcdonalds nhs
gp a&e uni university college school church mosque temple gurdwara synagogue friends zoom teams slack discord
facetime covid bible quran torah reiki yoga pilates marvel lego xbox playstation nintendo
""")

# Places that are also common first names: a person unless a preposition
# says place ("moved to Jordan", "in Sydney").
PLACES_ALSO_NAMES = _words("""
jordan georgia victoria florence austin sydney chelsea brooklyn dallas phoenix lincoln madison savannah dakota
carolina virginia camden
""")

# Lower-case words that are frequent in chats but sit in name lists.
CHAT_WORDS = _words("""
lol lmao omg idk tbh ngl rn tho tmrw pls plz ty thx ok okay kk hey hi hiya yo ya yeah yea nah yep nope ugh hmm
aww ur u r n k x xx xo haha hahaha jk btw imo irl fr smh ikr bc cos cuz coz abt smth ppl obvs bday convo
gonna wanna gotta kinda sorta dunno innit mins uni hasnt havent hadnt isnt wasnt arent werent didnt doesnt dont
cant wont wouldnt couldnt shouldnt ive youre theyre thats whats hes shes lets aint idc ily ilysm ilu wyd hbu tmi
fomo bby iban ssn vpn gp nhs pin dob wifi fifa dm dms
""")

# Names that are also everyday words. In lower case they are names only in a
# person context ("told will", "grace said"); other lower-case dictionary words
# that a name list happens to hold ("friend", "mat") never are.
WORD_NAMES = _words("""
will hope grace joy faith mark bill rose summer sunny april may june august jack pat rob sue don art guy ray max
dawn eve ivy lily holly ruby amber olive hazel jade pearl penny ginger sandy rusty chase hunter mason cole miles
frank grant drew dean dale glen reed rich sonny kit bob nick gene iris violet daisy poppy sky skye river rain storm
star angel honey candy cherry misty autumn winter sage willow heather fern crystal destiny harmony melody trinity
charity patience prudence constance felicity mercy chance bishop king prince duke major sterling tucker carter
cooper parker taylor archer porter piper rowan ash jay robin wren lark dove sterling cash bud buddy chip duke
victor earnest ernest lance neil norm page bell brook brooke clay dusty forest gale goldie lou marsh merle
precious blessing favour tom
""")
# Given names of Southern and East Africa that are English words used mostly in lower case ("my memory is bad",
# "I've given talks"): names only when capitalised ("Memory says", "Given Phiri").
CAPITALISED_WORD_NAMES = _words("""
given memory gift innocent fortunate wisdom loveness lovemore
""")

# Words before a name said to someone: "thanks Ngozi", "ilysm gosia", "night bex".
VOCATIVE_CUES = _words("""
hi hii hey heyy heyyy hiya hello helloo heya yo oi oy sup wassup wagwan howdy ayo ayy morning mornin gm night nite
gn goodnight thanks thank thx thnx ty tysm tyvm cheers ily ilysm ilu ilyt luv congrats congratulations sorry soz
bye byee cya dear omg omfg bday birthday anniversary welcome
""")
# "love u gosia", "miss you dre", "thank u Olamide": a cue word, a "you", then the name.
VOCATIVE_YOU_CUES = _words("love luv miss thank thanks ily see bless")
YOU = _words("u you yu")
# After a name at the start of a message: "dre u up", "harpreet can u", "kasia pls".
START_FOLLOWERS = _words("""
u you ur pls plz please can could will would is was has had have did does do said says just and n r are were
where when why how what keeps kept never always also still literally really omg lol wya wyd hbu im i'm i stop
come call text send tell needs wants got gets told asked thinks x xx ok okay
""")
# After a word that is also a name, said to someone: "grace noooo", "precious pls call me".
VOCATIVE_FOLLOWERS = _words("pls plz please no stop omg wtf lmao lol srsly bestie babe thank thanks ty")
# "did jojo bring", "is kemi coming": a name as the subject of a question.
QUESTION_AUXILIARIES = _words("did does has didnt doesnt hasnt")
# "sent the parcel to Thandi", "talked to Ama": verbs whose "to" leads to a person, not a place.
TO_PERSON_VERBS = _words("""
sent send sends sending gave give gives giving lent lend handed hand showed show wrote write writes writing talked
talk talking spoke speak speaking said say says explained explain apologised apologized apologise apologize lied
replied reply listened listen introduced introduce mailed posted passed married engaged close closer mean nice kind
rude opened confessed confess admitted admit
""")
# A capitalised word after these is a thing: "started Adderall", "on Vyvanse", "met someone on Feeld".
THING_VERBS = _words("""
on started starting taking take took prescribed using use used downloaded download joined watching watched playing
played reading listening tried trying switched bought ordered installed deleted
""")
# A capitalised word before these names a place or an organisation, not a person.
ORG_NOUNS = _words("""
trust foundation charity hospital clinic centre center university college school academy institute council
mosque temple cathedral chapel bank group ltd inc plc llc company corp street road avenue station
airport market cafe café bar pub restaurant hotel festival fm radio club team app valley lake river mountain
mountains island islands beach bay county city town village borough district estate stadium arena theatre theater
museum gallery library society association federation union party ministry department services service network
studios records press times news gazette tribune herald review weekly magazine show awards prize syndrome disease
""")
# Gaming and social words that look like unknown names in lower case.
INTERNET_WORDS = _words("""
addy gamertag username usernames handle insta ig snap snapchat tiktok tiktoks twitter discord reddit subreddit
youtube yt twitch whatsapp imessage facetime dm dms pfp bio selfie selfies meme memes emoji emojis gif gifs vid
vids app apps wifi bluetooth iphone ipad android laptop playlist spotify netflix hulu uber ubers deliveroo nandos
uniqlo primark tesco aldi lidl asda ikea vlog vlogs vlogger reel reels
""")
# Stretched and shortened chat words, and fillers from other languages used in English chat.
MORE_CHAT_WORDS = _words("""
lmfao rofl omfg idc istg fr frfr ong deadass lowkey highkey tryna finna imma gotchu tbf iirc afaik fyi asap eta
omw otw brb gtg ttyl np nvm wbu hbu wyd wya wdym icl yh ye yeh yass yasss slay bruv oml omds ffs stg tmr tomoz
soz ta thnx plsss srsly sry rly prolly deffo def obvi bcs okie okey mkay mhm uhh umm erm ahh ohh ooh oof eek yikes
welp meh naw yup hm argh aah awww ew eww gah pfft psh shh tsk woo woohoo yay yayy whoa jeez gosh dang lolol lmk
ilyt wbk gnight xoxo xxx hehe lmaoo bday bdays ppl convo convos sesh uni bezzie bestie besties hun hunny babes
whos urself rlly fav favs pics pic y'all yall ya'll
wallahi walahi habibi habibti inshallah insha mashallah alhamdulillah yalla yaar abeg oya sha sef shey biko chale
wahala omo jor sabi aiyo aiyah aiya lah leh lor wah ayy ayo oye chalo acha accha haan nahi kya bas arre bhai
amigo amiga mija mijo papi chica chico bueno gracias hola vale pues claro mira amor querida cariño
congrats sheesh wallah bismillah subhanallah astaghfirullah alamak walao wetin ehen haba haibo eish yoh jislaaik
oyoyo uff haye achha blimey crikey huzzah hmph urgh ehn phew yeet
""")

# Words that start a place's name ("São Paulo", "Vila Madalena", "San Diego"): the next word is no person.
PLACE_PREFIXES = _words("são sao san santa santo vila villa jardim porto puerto ciudad colonia bairro fort mount lake")
