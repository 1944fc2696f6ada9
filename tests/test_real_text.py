"""Real-data failure classes, in our own words: content that is not a depicted person stays byte for byte,
grammar stays right, several people stay distinct, direct questions are refused."""

import pytest


@pytest.mark.parametrize("text", [
    "Grand opening at the Burger King on Main Road.",               # brand
    "fans of man utd celebrate the win",                            # team, lower-case as captions write it
    "father's day card with a golf club on it",                      # holiday and product wording
    "surfer girl retro graphic tee, unisex sizes",                   # a product listing
    "organic shampoo for men, 250 ml",                               # shop wording for an audience
    "coloring pages for kids, printable",
    "a plastic toy man standing on a shelf",                         # a figure, not a person
    "the cheetah girls soundtrack on vinyl",
    "a queen street sign on a brick wall",                           # a street name written in lower case
    'A poster that reads "LADIES NIGHT" above the bar.',             # quoted text read off the image
    "a bearded dragon basking on a rock",                            # an animal
    "a large female moose crossing the road",                        # an animal's sex
])
def test_not_people_stay_byte_for_byte(neutralize, text):
    assert neutralize(text) == text


@pytest.mark.parametrize("text, expected", [
    ("a girl in a yellow raincoat laughs while she jumps in a puddle",
     "a person in a yellow raincoat laughs while the person jumps in a puddle"),
    ("A man with his back to the camera fixes his bike.", "A person with their back to the camera fixes their bike."),
    ("She seems about 40 and fit.", ""),
    ("The runner, roughly 25, ties a shoe.", "The runner ties a shoe."),
    ("two women on a bench; one of them is slender and the other is laughing.",
     "two people on a bench; the other is laughing."),
    ("a woman that is not young is reading a map", "a person is reading a map"),
    ("a person woman carries a basket", "a person carries a basket"),
    ("actress jenna ortega arrives at the premiere", "actor jenna ortega arrives at the premiere"),  # a name stays
])
def test_grammar_and_hedged_traits(neutralize, text, expected):
    assert neutralize(text) == expected


def test_several_people_stay_distinct(neutralize):
    out = neutralize("A man in a green coat talks to a woman in a grey scarf.")
    assert out == "A person in a green coat talks to a person in a grey scarf."
    assert neutralize("Two boys and a girl play chess.") == "Three people play chess."


@pytest.mark.parametrize("question, category", [
    ("Is the lifeguard old?\nAnswer the question using a single word or phrase.", "age"),
    ("Is she tall and slim?", "weight"),
    ("Does the cook look young to you?", "age"),
    ("Who looks older, the waiter or the girl?", "age"),
    ("Which of the two kids is heavier?", "weight"),
    ("Is the man by the fence Asian and middle-aged?", "race"),
    ("Is there a woman that is not old?", "age"),
    ("Great picture. Is he over 70?", "age"),
    ("What is her ethnicity in this picture?", "race"),
    ("Is that person a little boy?", "age"),
])
def test_real_style_questions_are_requests(classifier, question, category):
    assert category in classifier.classify(question).categories


@pytest.mark.parametrize("question", [
    "Is the bench to the right of the boy wooden or metal?",
    "Is the woman to the left or to the right of the old man?",
    "Is there a man in the photo?",
    "Is the lamp post near the girl tall?",
    "Is the person that is not male wearing gloves?",
    "Who is holding the young puppy?",
])
def test_questions_about_other_things_are_not_requests(classifier, question):
    assert not classifier.classify(question)


@pytest.mark.parametrize("question, restated", [
    ("Is she young and female?", "What gender and age are they?"),
    ("Does the young person look happy and thin?", "Does the person look happy? What is their build?"),
    ("Is there a woman that is not young?", "What age is the person?"),
    ("Who is older, the boy or the man?", "What is the age of each person?"),
    ("Is this girl Asian or Hispanic?", "What race is this person?"),
])
def test_requests_restated_as_readable_questions(classifier, question, restated):
    assert classifier.neutral_question(question, classifier.classify(question)) == restated
