import pytest


@pytest.mark.parametrize("before, after", [
    # nouns, articles, plurals
    ("a young woman riding a bicycle", "a person riding a bicycle"),
    ("an old man feeding pigeons", "a person feeding pigeons"),
    ("two elderly men chatting", "two people chatting"),
    ("the boy's kite", "the person's kite"),
    ("the boys' kites", "the people's kites"),
    ("An Asian woman and an elderly man", "Two people"),
    ("a man and a woman sharing a pizza", "two people sharing a pizza"),
    ("three boys and their father", "three people and their parent"),
    ("a policeman and a policewoman", "two police officers"),
    ("a male nurse", "a nurse"),
    ("a kids' art class", "an art class"),
    # pronouns and verb agreement
    ("She is smiling.", "They are smiling."),
    ("He was tired and he has a cane.", "They were tired and they have a cane."),
    ("She walks while he carries a box and she watches.", "They walk while they carry a box and they watch."),
    ("He also wears a hat.", "They also wear a hat."),
    ("She doesn't smile and he isn't sitting.", "They don't smile and they aren't sitting."),
    ("Is she wearing a helmet?", "Are they wearing a helmet?"),
    ("The bike is his.", "The bike is theirs."),
    ("He gave her a book for her birthday.", "They gave them a book for their birthday."),
    ("She did it herself.", "They did it themselves."),
    ("He or she can enter.", "They can enter."),
    # traits
    ("a bald man with a grey beard reading", "a bald person reading"),
    ("a woman with hazel eyes and freckles", "a person with freckles"),
    ("a woman with dark eyes, a ponytail and red shoes", "a person with a ponytail and red shoes"),
    ("The older of the two men has a gray beard and a knee brace.", "One of the two people has a knee brace."),
    ("A barber trims the beard of a customer.", "A barber trims the hair of a customer."),
    # age phrases
    ("a man in his forties repairing a tire", "a person repairing a tire"),
    ("The boy, who looks about eight, holds a rod.", "The person holds a rod."),
    ("A girl, maybe three years old, claps.", "A person claps."),
    ("a 7-year-old girl showing her tooth", "a person showing their tooth"),
    # emptied clauses go
    ("He looks overweight. He holds a cup.", "They hold a cup."),
    ("He is smiling and has a beard.", "They are smiling."),
    ("She is wearing an apron and appears focused.", "They are wearing an apron and appear focused."),
    ("including a man, a woman and a child", "including three people"),
    ("The boy is about 10 years old and wears glasses.", "The person wears glasses."),
    ("The guy on the right appears to be of Asian descent. He waves.", "They wave."),
    ("His hair is turning grey. He smiles.", "They smile."),
    ("He holds a cup and saucers.", "They hold a cup and saucers."),
    ("Two young boys and a girl play while their mom watches.", "Three people play while their parent watches."),
    ("A 3 year old boy waves next to a 100 year old house.", "A person waves next to a 100 year old house."),
    ("Her husband, who appears to be Asian, carries the luggage.", "Their spouse carries the luggage."),
    ("A woman, mid-thirties, sells tickets.", "A person sells tickets."),
    ("Kids aged 6 to 10 play tag.", "People play tag."),
    ("There are two men, one older and one younger.", "There are two people."),
    ("The youngest, a boy of four, licks the spoon.", "One of them, a person, licks the spoon."),
    ("He is about six feet tall and fairly thin.", "They are about six feet tall."),
    ("She is quite slim and very pretty.", "They are very pretty."),
    ("He is elderly and the dog is young.", "The dog is young."),
    ("A gray haired man.", "A person."),
    ("A Black family of five poses.", "A family of five poses."),
    # neutral text untouched
    ("a white shirt on an old wooden barn", "a white shirt on an old wooden barn"),
])
def test_rewrites(neutralize, before, after):
    assert neutralize(before) == after


def test_capitalisation_after_deleted_first_word(neutralize):
    assert neutralize("Young children play. Elderly men watch.") == "People play. People watch."


def test_no_grammar_defects_on_mixed_paragraph(neutralize):
    text = ("A man and his daughter walk a dog. He is holding her hand, and she has a red balloon. "
            "An old woman waves at them; she is sitting on an elderly man's porch.")
    out = neutralize(text)
    for bad in ("they is", "they has", "they was", "an person", "a individual", "person person"):
        assert bad not in out.lower()
    assert "red balloon" in out and "porch" in out and "dog" in out
