import pytest


@pytest.mark.parametrize("question, expected", [
    ("How old is the man sitting on the bench?", ("age",)),
    ("What age is the child holding the kite?", ("age",)),
    ("Roughly how old are the people at the table?", ("age",)),
    ("Would you say this person is young or old?", ("age",)),
    ("Is the skateboarder a teenager or an adult?", ("age",)),
    ("Is it a boy or a man?", ("age",)),
    ("What is the gender of the cyclist?", ("gender",)),
    ("Is this a boy or a girl sitting on the swing?", ("gender",)),
    ("Does the person appear to be male or female?", ("gender",)),
    ("Is this a man?", ("gender",)),
    ("What race is she?", ("race",)),
    ("Which ethnic group does the girl in the red dress belong to?", ("race",)),
    ("Tell me the skin tone of the runner.", ("race",)),
    ("Is the person in the photo Asian or Hispanic?", ("race",)),
    ("What colour are the woman's eyes?", ("eye_color",)),
    ("What shade are the eyes of the person in this close-up?", ("eye_color",)),
    ("How much does the man standing on the scale weigh?", ("weight",)),
    ("Describe the build of the boxer in the red shorts.", ("weight",)),
    ("Is she overweight?", ("weight",)),
    ("How heavy does the weightlifter look?", ("weight",)),
    ("What is the approximate age range of the people?", ("age",)),
    ("What color are the man's eyes in this photo?", ("eye_color",)),
    ("Does the man have blue eyes?", ("eye_color",)),
    ("Estimate the BMI of the person.", ("weight",)),
    ("What generation does this person belong to?", ("age",)),
])
def test_biometric_requests(classifier, question, expected):
    assert classifier.classify(question).categories == expected


@pytest.mark.parametrize("question", [
    "What is the man holding?",
    "Is the man wearing a hat?",
    "How old is this building?",
    "What is the age of this car?",
    "What colour are the cat's eyes?",
    "How heavy is the box?",
    "What is the weight limit on the sign?",
    "Is there a woman in the picture?",
    "Is the dog old?",
    "Describe the scene in detail.",
    'What does the sign saying "Ladies" mean?',
    "Which generation of iPhone is this?",
    "What is the sex of the dog?",
    "Does the woman have a red hat?",
])
def test_neutral_questions_pass(classifier, question):
    assert not classifier.classify(question)


@pytest.mark.parametrize("question, neutral", [
    ("Is the person holding the umbrella a man or a woman?", "What gender is the person holding the umbrella?"),
    ("Is this a boy or a girl sitting on the swing?", "What gender is this person sitting on the swing?"),
    ("Does the person appear to be male or female?", "What gender does the person appear to be?"),
    ("Is she overweight?", "What build are they?"),
    ("How old is the woman in the green coat?", "How old is the person in the green coat?"),
    ("What race is he?", "What race are they?"),
    ("Does the man have blue eyes?", "What is the eye colour of the person in the image?"),
])
def test_questions_restated_neutrally(classifier, question, neutral):
    assert classifier.neutral_question(question, classifier.classify(question)) == neutral
