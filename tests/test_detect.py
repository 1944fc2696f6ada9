import pytest

from safe_llava_hf import BiometricPolicy, Detector


def cats(detector, text):
    return detector.categories(text)


@pytest.mark.parametrize("text, expected", [
    ("A young woman rides a bike.", {"age", "gender"}),
    ("an elderly person feeds pigeons", {"age"}),
    ("Two boys play frisbee.", {"gender", "age"}),
    ("a toddler splashing in a puddle", {"age"}),
    ("a Hispanic family having a picnic", {"race"}),
    ("an East Asian person cooking", {"race"}),
    ("The runner is dark-skinned.", {"race"}),
    ("a person with hazel eyes", {"eye_color"}),
    ("a blue-eyed person", {"eye_color"}),
    ("Their eyes are green.", {"eye_color"}),
    ("an obese person on a couch", {"weight"}),
    ("The person looks very skinny.", {"weight"}),
    ("a 25-year-old person", {"age"}),
    ("a person in their early thirties", {"age"}),
    ("a person of about six", {"age"}),
    ("The boy, who looks about eight, smiles.", {"age", "gender"}),
    ("He weighs around 200 pounds.", {"gender", "weight"}),
    ("a person with a grey beard", {"age", "gender"}),
    ("a person with wrinkles", {"age"}),
    ("She smiles.", {"gender"}),
    ("a policewoman on horseback", {"gender"}),
])
def test_each_category(detector, text, expected):
    assert cats(detector, text) == expected


@pytest.mark.parametrize("text", [
    "a white shirt and a black dog near a man-made lake",
    "an old building next to a young tree",
    "a baby elephant beside a baby grand piano",
    "steam rising from a manhole on a street with heavy traffic",
    "a thin-crust pizza and a fat tire bike",
    "a slim phone and a heavy dictionary",
    "a fluffy white cat with blue eyes",
    "a blue-eyed husky puppy on a blanket",
    "Asian cuisine and a pot of Indian curry",
    "a sign reading Maple Grove Senior Center",
    "the front of an Old Navy store on Queen Street",
    "black-and-white photo of old city walls",
    'The sign reads "LADIES ONLY" and "MEN".',
    "The dog wags her tail and licks her paw.",
    "A mother cow is nursing its calf.",
    "a white king cornered by the black queen on the chessboard",
    "a male-to-female cable and a queen-size bed",
    "black-eyed Susans and baby's breath",
    "a senior dog napping next to an old tractor",
    "a store mannequin wearing skinny jeans",
    "What is the age of this building?",
])
def test_person_context_traps(detector, text):
    assert detector.detect(text) == []


def test_mentions_have_spans_and_kinds(detector):
    text = "A young woman walks her dog past an old building."
    found = [(m.text, m.categories, m.kind) for m in detector.detect(text)]
    assert found == [("young", ("age",), "modifier"), ("woman", ("gender",), "noun"), ("her", ("gender",), "pronoun")]
    for m in detector.detect(text):
        assert text[m.start:m.end] == m.text
        assert set(m.to_dict()) == {"start", "end", "text", "categories", "kind"}


def test_quoted_text_is_protected_but_people_around_it_are_not(detector):
    text = 'His shirt says "Old Boys Club" in gold letters.'
    assert [m.text for m in detector.detect(text)] == ["His"]


def test_hair_is_opt_in():
    text = "a person with curly red hair and a blonde friend"
    assert Detector(BiometricPolicy.default()).detect(text) == []
    on = BiometricPolicy.default().with_enabled("hair")
    assert Detector(on).categories(text) == {"hair"}


def test_hair_alone_is_not_another_category(detector):
    assert detector.detect("a person with blonde curls and a mohawk") == []
