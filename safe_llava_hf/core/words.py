"""Every English word list of the engine, in one place.

These are linguistic facts, not policy: the policy (``policy.py``) says which words are biometric,
this module says which words name a person, an animal or a thing, which are function words, how
pronouns and verbs change, and which words hedge. Users extend the person list through the policy
file (``person_nouns:``). Rules, the rewriter and the request recogniser import from here only.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Nouns that name a person without revealing any category (roles, jobs, groups).
PERSON_NOUNS = _words(
    """
    person persons people individual individuals human humans someone somebody anyone anybody everyone
    everybody player players worker workers customer customers
    student students teacher teachers chef chefs cook cooks runner runners cyclist cyclists biker bikers
    rider riders skateboarder skateboarders skier skiers snowboarder snowboarders surfer surfers
    swimmer swimmers diver divers climber climbers hiker hikers jogger joggers walker walkers athlete
    athletes boxer boxers wrestler wrestlers dancer dancers singer singers musician musicians guitarist
    guitarists drummer drummers pianist pianists violinist violinists artist artists painter painters
    photographer photographers tourist tourists traveler travelers traveller travellers passenger
    passengers driver drivers pilot pilots soldier soldiers officer officers guard guards doctor doctors
    nurse nurses patient patients surgeon surgeons dentist dentists vet vets veterinarian farmer farmers
    baker bakers butcher butchers barber barbers hairdresser hairdressers stylist stylists vendor vendors
    seller sellers shopper shoppers shopkeeper shopkeepers clerk clerks cashier cashiers receptionist
    receptionists manager managers boss bosses employee employees colleague colleagues coworker coworkers
    staff crew member members team teams family families couple couples pair group groups crowd crowds
    audience spectator spectators onlooker onlookers fan fans friend friends neighbor neighbors neighbour
    neighbours stranger strangers visitor visitors guest guests host hosts resident residents citizen
    citizens pedestrian pedestrians commuter commuters fisher fishers sailor sailors captain captains
    coach coaches referee referees umpire umpires catcher catchers pitcher pitchers batter batters
    goalkeeper goalkeepers goalie quarterback teammate teammates opponent opponents competitor
    competitors contestant contestants performer performers actor actors instructor
    instructors trainer trainers lifeguard lifeguards firefighter firefighters paramedic paramedics
    police detective detectives server servers bartender bartenders barista baristas waitstaff chauffeur
    mechanic mechanics technician technicians engineer engineers scientist scientists researcher
    researchers professor professors lecturer lecturers speaker speakers presenter presenters reporter
    reporters journalist journalists politician politicians president leader leaders
    official officials volunteer volunteers protester protesters protestor protestors demonstrator
    demonstrators graduate graduates parent parents sibling siblings spouse spouses partner partners
    relative relatives cousin cousins grandchild grandchildren twin twins newlywed newlyweds owner owners
    operator operators carrier carriers courier couriers builder builders carpenter carpenters plumber
    plumbers electrician electricians gardener gardeners janitor janitors cleaner cleaners nanny
    babysitter caregiver caregivers librarian librarians scholar pupil pupils apprentice apprentices
    intern interns boarder boarders juggler jugglers clown clowns magician magicians acrobat acrobats
    monarch monarchs royal royals attendant attendants bearer bearers supervisor supervisors
    businessperson businesspeople salesperson salespeople chairperson spokesperson camera-operator
    firefighter jockey jockeys golfer golfers tennis-player batsman bowler bowlers fielder fielders
    skater skaters gymnast gymnasts yogi vlogger blogger tailor tailors potter potters sculptor
    sculptors weaver weavers miner miners lumberjack ranger rangers hunter hunters camper campers
    bather bathers sunbather sunbathers beachgoer beachgoers shoppers diners diner eater eaters
    drinker drinkers smoker smokers reader readers writer writers viewer viewers user users owner
    homeowner tenant tenants landlord merchant merchants trader traders porter porters
    doorperson executive executives entrepreneur entrepreneurs banker bankers lawyer lawyers judge
    judges priest priests pastor pastors preacher rabbi imam bishop pope monastic monastics
    cheerleader cheerleaders mascot graduate groom-to-be bride-to-be person's people's scout scouts
    pitcher's catcher's mx weightlifter weightlifters bodybuilder bodybuilders powerlifter sprinter
    subject subjects sitter sitters figure figures ballerina ballerinas skier surfer guide guides model models
    sprinters marathoner swimmer paddler paddlers rower rowers kayaker kayakers canoeist sailor surfer
    climber mountaineer mountaineers fencer fencers archer archers shooter shooters striker strikers
    defender defenders midfielder skier golfer bowler racer racers cyclist motorcyclist
    motorcyclists biker rollerblader rollerskater snowboarder wrestler jockey equestrian
    equestrians rancher ranchers cowhand shepherd shepherds herder herders fisher angler anglers
    hunter lumberjack logger loggers welder welders roofer roofers painter bricklayer mason masons
    laborer laborers labourer labourers contractor contractors architect architects designer designers
    programmer programmers developer developers analyst analysts accountant accountants secretary
    secretaries assistant assistants cashier teller tellers agent agents consultant consultants
    salesperson dealer dealers broker brokers auctioneer clerk chemist chemists pharmacist pharmacists
    therapist therapists psychologist counselor counselors surgeon anesthesiologist physician physicians
    medic medics midwife caretaker caretakers cook chef baker confectioner butcher grocer
    florist florists jeweler jewelers optician tailor seamstress cobbler barista bartender sommelier
    waitperson busboy dishwasher dishwashers housekeeper housekeepers maid maids butler butlers valet
    valets bellhop concierge usher ushers tour-guide conductor conductors drummer
    saxophonist trumpeter cellist flutist harpist vocalist rapper dj deejay comedian comedians
    magician ventriloquist mime performer busker buskers poet poets novelist author authors editor
    editors reporter photographer videographer filmmaker director directors producer producers actor
    actress influencer streamer gamer gamers coder hacker scientist astronaut astronauts
    soldier marine marines sailor airman pilot copilot officer sheriff deputy trooper ranger warden
    guard bodyguard firefighter paramedic lifeguard rescuer rescuers volunteer activist activists
    protester voter voters candidate senator mayor governor minister ambassador diplomat monarch
    tourist sightseer backpacker hitchhiker pilgrim pilgrims refugee refugees immigrant migrant
    commuter passenger rider driver cabbie trucker truckers courier messenger shopper buyer
    buyers customer client clients patron patrons diner guest host attendee attendees participant
    participants member spectator fan supporter supporters player teammate captain coach trainer
    referee umpire judge jury juror jurors lawyer attorney prosecutor defendant witness inmate
    prisoner prisoners suspect suspects thief thieves burglar victim victims survivor survivors
    patient nurse caregiver newcomer stranger neighbor roommate classmate classmates schoolmate
    playmate companion buddy buddies pal pals mate mates peer peers sweetheart lover lovers fiance
    newlywed honeymooner honeymooners skater surfer hiker camper fisherman
    """
)

# Nouns naming animals (and figurative animal-like things) whose pronouns and adjectives are not biometric.
ANIMAL_NOUNS = _words(
    """
    animal animals dog dogs puppy puppies pup pups cat cats kitten kittens kitty horse horses pony ponies
    foal foals cow cows calf calves bull bulls ox oxen sheep lamb lambs goat goats pig pigs piglet piglets
    elephant elephants giraffe giraffes zebra zebras lion lions lioness tiger tigers bear bears cub cubs
    bird birds duck ducks duckling ducklings goose geese swan swans chicken chickens hen hens rooster
    roosters chick chicks pigeon pigeons seagull seagulls gull gulls owl owls eagle eagles parrot parrots
    monkey monkeys ape apes gorilla gorillas chimpanzee deer fawn moose rabbit rabbits bunny bunnies
    mouse mice rat rats squirrel squirrels fox foxes wolf wolves husky huskies retriever retrievers
    labrador poodle poodles terrier terriers bulldog bulldogs dachshund beagle collie shepherd
    spaniel pug chihuahua corgi hound hounds mare mares stallion stallions donkey donkeys mule mules
    camel camels llama llamas alpaca alpacas kangaroo kangaroos panda pandas koala koalas fish hamster
    turtle turtles tortoise frog frogs snake snakes lizard lizards dragon dragons dolphin dolphins
    whale whales seal seals otter otters penguin penguins flamingo flamingos butterfly ladybug bee bees
    cardinal cardinals robin robins sparrow sparrows finch finches crow crows raven ravens hawk hawks falcon falcons
    heron herons peacock peacocks peahen ostrich ostriches tabby tabbies cheetah cheetahs leopard leopards jaguar jaguars panther panthers hyena hyenas rhino rhinos hippo hippos
    alligator alligators octopus ant ants wasp wasps hedgehog hedgehogs
    doll dolls teddy mannequin mannequins statue statues figurine figurines sculpture robot robots
    puppet puppets scarecrow snowman toy toys herd flock pet pets creature creatures
    """
)

# Nouns that, right after a person noun, make it a compound naming a thing ("baby stroller").
COMPOUND_THING_NOUNS = _words(
    """
    stroller strollers carriage carriages carrier bottle bottles food shower showers clothes clothing bag bags
    clothing outfit outfits costume costumes hat hats boots shoes shoe doll dolls toy toys seat seats
    room rooms bed beds crib chair chairs magazine bike bikes bicycle restroom restrooms
    bathroom bathrooms toilet toilets section department cave shirt shirts suit suits grand
    piano monitor photo photos picture pictures pool name names club wipes
    formula gate gates steps teeth tooth powder oil blue day days swing swings
    sling bath tub blanket blankets monitor food
    """
)

DETERMINERS = _words(
    """
    a an the this that these those his her their its my your our some any each every another other no
    one two three four five six seven eight nine ten several many few both all
    """
)

PREPOSITIONS = _words(
    """
    in on at by for with without from to of off over under into onto about around near beside behind
    between among through across along against above below beneath inside outside toward towards
    upon within during after before past like as via next than
    """
)

CONJUNCTIONS = _words("and or but nor so yet while whereas although though because since if when where")

RELATIVES = _words("who whom whose which that")

COPULAS = _words(
    """
    is are was were be been being am 's looks look looked looking appears appear appeared appearing described
    presents present presented presenting
    seems seem seemed seeming becomes become became remains remain remained stays stay stayed gets get
    got
    """
)

INTENSIFIERS = _words(
    """
    very quite rather fairly somewhat slightly extremely really so too pretty bit little relatively
    particularly especially noticeably visibly probably likely possibly perhaps maybe certainly clearly
    definitely seemingly apparently rather notably overly
    """
)

SUBJECT_PRONOUNS_PERSON = _words("he she they i you we someone somebody everyone everybody anyone anybody")

NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    "seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    "twenty-\\w+|thirty-\\w+|forty-\\w+|fifty-\\w+|sixty-\\w+|seventy-\\w+|eighty-\\w+|ninety-\\w+|a hundred"
)

DECADE_WORDS = (
    "teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|"
    "[1-9]0'?s|[1-9]0\u2019s"
)

EYE_COLOR_WORDS = "blue|green|brown|hazel|grey|gray|black|dark|amber|violet|light|pale|golden|gold|honey|steel|ice|yellow"

# Words that may stand right before a present-tense verb after a subject pronoun ("she also walks").
ADVERBS_BEFORE_VERB = _words(
    """
    also still then just always often never usually sometimes now even only really clearly
    probably certainly apparently gently carefully slowly quickly happily proudly quietly calmly
    already actually barely hardly rarely seldom merely simply truly indeed most likely constantly
    """
)

# Modifiers with common senses that are not about a person ("old building", "white shirt", "heavy
# traffic"): they count only with clear evidence that they describe a person.
AMBIGUOUS_MODIFIERS = _words(
    """
    young younger youngest old older oldest aged senior little elder eldest mature grown adult juvenile
    black white brown fat heavy heavier thin thinner slim slimmer slender fit trim toned buff sturdy
    athletic muscular stout petite wiry chunky hefty bony skinny infant indigenous arab arabic chinese
    japanese korean vietnamese thai filipino indonesian indian pakistani bangladeshi mexican nigerian
    ethiopian somali kenyan european scandinavian nordic mediterranean slavic persian turkish male
    female masculine feminine wrinkled large big native dark darker light lighter fair pale olive tan tanned
    """
)

# Possessed nouns that keep their kinship sense in neutral form ("her baby" -> "their child").
# "Child" itself reveals age, so the kinship word is "offspring".
KINSHIP_CHILD = dict.fromkeys(
    "baby babies kid kids toddler toddlers infant infants newborn newborns boy boys girl girls child children".split(),
    "offspring")

# Person nouns for groups: "a large crowd", "a big family" say nothing about anyone's body.
GROUP_NOUNS = _words("""
    group groups crowd crowds family families team teams couple couples pair crew staff audience class
    classes party parties gathering band bands choir herd flock army troop troops pair pairs set sets bunch
    """)

# Size adjectives that speak of a body only when they describe one person ("a large man").
SIZE_MODIFIERS = _words("large big huge small tiny")

# Nouns for which a modifier is about a person, with the categories such a modifier can reveal
# ("of Asian descent", "a slim build", "dark skin"; "blue eyes" is eye colour, never race).
PERSON_ATTRIBUTE_NOUNS: dict[str, frozenset[str]] = {
    **dict.fromkeys("descent origin origins heritage ancestry race ethnicity skin complexion".split(), frozenset({"race"})),
    **dict.fromkeys("build builds physique frame figure body bodies waist waistline belly stomach".split(),
                    frozenset({"weight"})),
    **dict.fromkeys("eyes eye iris irises".split(), frozenset({"eye_color"})),
    **dict.fromkeys("features appearance looks".split(), frozenset({"race", "age", "gender", "weight"})),
}

# Clothing that a nationality or ethnicity word turns into a cue to the wearer's race
# ("wearing traditional Mexican attire").
ETHNIC_ATTIRE_NOUNS = _words(
    """
    attire dress dresses costume costumes garb clothing clothes outfit outfits headdress headdresses robe robes
    gown gowns headscarf headwear regalia style
    """
)

# Fixed expressions whose words look biometric but are not about a person (matched word by word).
FIXED_EXPRESSIONS = (
    "baby's breath", "black-eyed susan", "black-eyed susans", "mother-of-pearl", "man-made", "old wives' tale",
    "old wives' tales", "old wives tale", "mother nature", "mother ship", "mother board", "motherboard",
    "old school", "old-school", "old-fashioned", "old fashioned", "old town", "old city", "grandfather clock",
    "grandfather clocks", "king-size", "queen-size", "king size", "queen size", "white house", "black box",
    "black hole", "white noise", "young adult fiction", "young adult novel", "young adult books",
    "young adult section", "senior center", "senior centers", "senior centre", "senior centres", "fat tire",
    "fat-tire", "thin-crust", "thin crust", "slim-fit", "skinny jeans", "baby grand", "baby blue",
    "baby carrot", "baby carrots", "baby spinach", "ladybug", "ladybugs", "ladybird", "ladybirds",
    "lady bug", "fisherman's wharf", "fisherman's knot", "girl scout cookies", "boy band", "old glory",
    "big brother", "little league", "old navy", "old master", "old masters", "father's day", "fathers day",
    "mother's day", "mothers day", "mothering sunday", "grandparents day",
) + tuple(  # shop sections and facilities named for a group of people: "women's shoes", "men's room"
    f"{who} {what}"
    for who in ("men's", "women's", "ladies'", "ladies", "gentlemen's", "boys'", "girls'", "mens", "womens")
    for what in ("room", "restroom", "restrooms", "bathroom", "toilet", "toilets", "clothing", "clothes", "shoes",
                 "department", "section", "wear", "fashion", "locker", "sizes", "magazine", "magazines")
)

# Merchandise named in product listings and captions ("country boy dvd", "girl classic t shirt", "men beard
# soap"): a person noun in the same run of words before one of these is product wording, not a person.
PRODUCT_NOUNS = _words(
    """
    shirt shirts tshirt tshirts t-shirt t-shirts tee tees hoodie hoodies sweatshirt sweatshirts jersey jerseys tank
    onesie onesies bodysuit bodysuits romper rompers pajamas leggings sneakers dvd dvds cd cds vinyl blu-ray poster
    posters soap soaps shampoo lotion perfume cologne deodorant mug mugs sticker stickers decal decals ornament
    ornaments figurine keychain calendar wallpaper crafts games toys collection tote swimsuit swimsuits
    """
)
# Words that end such a run when walking back from the product noun: a determiner or preposition starts
# another phrase, and these verbs say that a person wears or holds it ("a man wearing a shirt").
PRODUCT_RUN_STOPS = _words("wear wears wearing wore worn in on with has have had holds holding sells selling buys "
                           "buying of at by from under over near is are was were and or")
# Chess pieces: in a text about chess, "the white king" and "the black queen" are not people.
CHESS_PIECES = _words("king kings queen queens knight knights bishop bishops")

# Third-person verbs common in image descriptions; after "and" they agree with a rewritten "she"/"he".
COMMON_VERBS_3SG = _words(
    """
    appears seems looks holds wears smiles sits stands walks carries watches waits plays reads writes uses
    enjoys rides takes makes gives points stares leans rests talks laughs eats drinks waves keeps shows
    looks seems gazes poses runs jumps throws catches kicks swings pushes pulls lifts reaches grabs hugs
    kisses feeds cooks cuts pours serves sells buys works types paints draws sings dances swims surfs skis
    skates climbs kneels lies sleeps drives wears has holds tries wants needs likes loves seems adds uses
    """
)

# Race words that are also plain colours: on clothing they are colours ("her dark attire").
COLOUR_WORDS = _words("white black brown dark darker light lighter fair pale olive tan tanned")

# Age words that compare people: "the older of the two", "one older and one younger".
RELATIVE_AGE = _words("older younger oldest youngest elder eldest")


# ----------------------------------------------------------------------------- pronouns and verbs
# Gendered pronouns and their neutral forms ("her" is decided in context: them / their).
PRONOUNS = {
    "he": "they", "she": "they", "him": "them", "his": "their", "her": "their", "hers": "theirs",
    "himself": "themselves", "herself": "themselves", "he'd": "they'd", "she'd": "they'd",
    "he'll": "they'll", "she'll": "they'll", "he's": "they're", "she's": "they're",
}
POSSESSIVE_DETERMINERS = _words("his her their my your our")
# Words between a possessive and its noun that keep the noun possessed ("her own little boy").
POSSESSED_NOUN_FILLERS = _words("own little young older younger new two three")
# Characters that end a sentence or a clause for the analysis' backward and forward searches.
SENTENCE_END = frozenset(".!?;:\n")
# Third-person singular verbs and their plural forms, for a pronoun that became "they".
VERB_AGREEMENT = {
    "is": "are", "was": "were", "has": "have", "does": "do", "isn't": "aren't", "wasn't": "weren't",
    "hasn't": "haven't", "doesn't": "don't", "'s": "'re",
}
# Words ending in -s that are not third-person verbs.
NOT_VERBS = _words("as is was has does its this thus always sometimes perhaps yes plus less unless across "
                   "towards afterwards besides whereas")
# Words after "her" that make it an object ("gave her a book", "beside her and ...").
OBJECT_FOLLOWERS = PREPOSITIONS | CONJUNCTIONS | RELATIVES | COPULAS | _words(
    "a an the this that these those some any up down out back away here there now again too "
    "then so how what can could will would should may might must has have had does do did")
# Words that start a new clause, so a verb after them does not agree with an earlier pronoun.
NEW_SUBJECT = RELATIVES | _words("he she they it i we you while when because although whereas")
# Words that can open a clause of its own after an emptied one.
CLAUSE_SUBJECTS = _words("they he she it we i you the a an their its this these those there")
# Subjects a rewritten clause can keep ("The boy is 10 and wears" -> "The person wears").
NEUTRAL_SUBJECTS = _words("they who person people")
# Words after "her" that make it an object even though a dictionary also lists them as nouns or
# adjectives ("please her more", "talk to her all the time", "burn her right here").
OBJECT_ADVERBS = _words("""
    all more most less least right alone again anymore enough first last once twice today tonight tomorrow yesterday
    even really just already still also ever never always often sometimes soon later instead either too eh ok okay
    please well hard so very like anyway anyways""")
# Words after "her" that start the noun phrase she owns ("her two sons", "her own room", "her other hand").
POSSESSED_QUANTIFIERS = _words("one two three four five six seven eight nine ten several many few other own")
# Nouns that are also adverbs: possessed after a preposition ("on her back"), else an object ("brought her back").
ADVERB_NOUNS = _words("back home way")
# Verbs of giving: "her" right after them is the first object ("gave her money", "charged her $50").
GIVING_VERBS = _words("give charge sell tell show lend offer provide wish pay send teach hand owe promise award grant "
                      "cost ask serve feed cook bake fetch make")
# What is given without a determiner: "gave her something", "charged her nothing", "gave her advice".
INDEFINITE_THINGS = _words("something nothing anything everything someone somebody anyone anybody lots plenty some none "
                           "more less one two three four five six seven eight nine ten hundred thousand million")
MASS_NOUNS = _words("money advice information feedback help support attention credit bread food water cash work "
                    "news permission time space room")
# Verbs whose object takes an adjective after it: "keep her safe", "found her asleep", "drive her crazy".
COMPLEMENT_VERBS = _words("keep make leave find get set drive call consider hold want need like prefer turn render")
# Verbs whose object takes a bare infinitive: "help her figure out", "made her feel", "let her go".
BARE_INFINITIVE_VERBS = _words("make let help see watch hear have feel notice bid")
# Words after "his" that make it the possessive pronoun ("the book is his", "received his it is").
AFTER_POSSESSIVE_PRONOUN = _words("it i you we they he she them that this and is are was were too as to in on at for with "
                                  "but not")
# Words that join or qualify the adjectives of a question's final predicate ("young and male", "not young").
PREDICATE_JOINERS = _words("and or not both either neither nor , also too")
# Hedges before an age in a yes/no question ("Is she over 60?").
AGE_HEDGES = _words("over under about around nearly almost roughly past beyond")
# Words that open a question comparing people ("Who is older ...?", "Which one is heavier?").
WH_COMPARE = _words("who which whose")
# The plain gendered nouns, which (unlike titles such as "actress" or "princess") do not stand before names.
GENERIC_PERSON_NOUNS = _words("man woman boy girl lady guy gal dude")
# Conjunctions of simultaneity: a clause they open may take "the person" for its subject ("while she pedals").
SIMULTANEITY = _words("while whilst as when")
# Words that stand for a person named before them ("the other is tall", "one of them is slim").
PERSON_PRONOMINALS = _words("other others one ones both each either neither")
# Phrases a question may end with after its predicate ("Is she slim to you?", "... in this photo?").
QUESTION_TAILS = (("to", "you"), ("to", "me"), ("in", "this", "photo"), ("in", "the", "photo"), ("in", "this", "picture"),
                  ("in", "the", "picture"), ("in", "this", "image"), ("in", "the", "image"), ("in", "this", "pic"),
                  ("in", "this", "shot"), ("in", "your", "opinion"), ("here",), ("please",), ("at", "all"),
                  ("or", "not"), ("do", "you", "think"), ("would", "you", "say"))
# Words of questions about people that misspellings are corrected to, besides the policy's own words.
QUESTION_WORDS = _words("what which tell guess estimate colour color eyes eye skin tone light dark weigh heavy skinny "
                        "overweight underweight old young ethnic group person people")
# Short words a three-letter misspelling may stand for ("eys", "sxe").
SHORT_TRAIT_WORDS = _words("eyes eye age sex race")
# Words that give "race" its other sense, a contest ("Which race are the runners competing in?").
CONTEST_WORDS = _words("compete competes competing competition competitor competitors running run runs won win wins "
                       "winning finish finished finishing lap laps marathon track horse horses car cars boat sprint relay "
                       "entered entering")
# Modal and auxiliary verbs: a verb follows them ("which ancestry would you attribute ...").
MODALS = _words("would could can might may will shall should must do does did")
# Indefinite pronouns for people, which take their adjectives after them ("someone muscular").
INDEFINITE_PEOPLE = _words("someone somebody anyone anybody everyone everybody no-one nobody")
# Nouns of a sex that also name animals ("the male beside it").
SEX_NOUNS = _words("male female males females")
# Chat spellings of words a question needs ("wat colur are her eys", "hw old iz he").
CHAT_SPELLINGS = {"wat": "what", "wot": "what", "wut": "what", "whats": "what's", "hw": "how", "iz": "is", "r": "are",
                  "u": "you", "ur": "your", "tel": "tell", "pls": "please", "plz": "please", "wich": "which",
                  "dose": "does", "abt": "about", "bc": "because", "cuz": "because", "ppl": "people"}
# Auxiliaries that open a yes/no question.
AUX_START = _words("is are was were does do did can could would will should")

# ----------------------------------------------------------------------------- traits and hedges
FACIAL_HAIR = _words("beard beards moustache moustaches mustache mustaches stubble goatee goatees sideburns")
# Verbs of change and words of extent around a predicative trait ("her hair is turning mostly grey").
CHANGE_VERBS = _words("turned turning going gone")
EXTENT_WORDS = _words("mostly completely partly all")
# Verbs and prepositions that hold a trait ("has a beard", "with blue eyes", "sporting a goatee").
HAVE_VERBS = _words("has have had with sporting sports showing shows wearing wears")
# Words that end a noun phrase when looking back from a trait.
NP_STOP = _words("and or , with in on of at by")
DEGREE_WORDS = _words("very quite rather fairly somewhat slightly extremely really pretty relatively noticeably "
                      "visibly particularly notably overly too")
HEDGES = _words("about around roughly approximately maybe perhaps probably likely possibly")
# What is left of a clause once its biometric phrase went ("who looks about ..."): the clause goes too.
STUB_WORDS = HEDGES | _words("looks looked appears appeared seems seemed likely probably possibly maybe perhaps "
                             "years year old who is was are were be being and or turning just only")
# Words that may sit between an attribute word and the person it is asked about ("the age of the man").
SKIP_AFTER_ATTRIBUTE = DETERMINERS | COPULAS | PREPOSITIONS | _words(
    "does do did you think would could can might may say guess estimate tell me us is are of the this "
    "background backgrounds origin origins heritage group groups identity type makeup tone tones range bracket "
    "estimate exactly approximately roughly has have had")
FUNCTION_WORDS = DETERMINERS | PREPOSITIONS | CONJUNCTIONS | RELATIVES | _words(
    "it they them he she him her his i you we us me not no there here what")
# Words that are never the adjective before a noun.
NOT_ADJECTIVES = COPULAS | INTENSIFIERS | CONJUNCTIONS | PREPOSITIONS | _words("to be not")
# Words that do not count as content when an LLM rewrite is compared with the rule rewrite.
NEUTRAL_FILLER = _words("person people persons individual individuals they them their theirs themselves the and "
                        "with are were have has is was")

# ----------------------------------------------------------------------------- numbers
NUMBER_VALUES = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
COUNT_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}
