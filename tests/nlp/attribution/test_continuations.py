"""A quotation continues the previous speaker's only when nothing of the writer's own stands
between (nlp/attribution/continuation.py, read by rules.py). Sentences written for the tests
(fictional names), the real pipeline."""
from __future__ import annotations

from tests.nlp.attribution.test_statement_types import run


def by_speaker(res) -> dict[str | None, list[str]]:
    out: dict[str | None, list[str]] = {}
    for q in res.quotes:
        out.setdefault(q.speaker.name if q.speaker else None, []).extend(c.text for c in q.contents)
    return out


def test_a_quotation_after_a_sentence_naming_someone_else_is_not_a_continuation():
    res = run('Director Aron Vik told the audience: "It was a real surprise. It is an honour." Best actor '
              'Tomas Berg could not make the ceremony, but actress Ilse Brandt read out his speech. '
              '"I am honoured and proud to receive this award."\n')
    assert not [c for c in by_speaker(res).get("Aron Vik", []) if "proud" in c], by_speaker(res)


def test_a_quotation_inside_another_sentence_is_not_a_continuation():
    res = run('Minister Ilse Brandt said: "These proposals would cost the public purse dearly." The Labour '
              'party has committed itself to "universal, affordable and flexible" childcare for parents.\n')
    assert not [c for c in by_speaker(res).get("Ilse Brandt", []) if "affordable" in c], by_speaker(res)


def test_a_quotation_split_by_its_attribution_is_one_statement():
    for text in ('"We are not going away," said Mr. Aron Vik, "and we will be back next year."\n',
                 '"We are not going away," said Aron Vik. "We will keep this community going."\n'):
        res = run(text)
        assert len(res.quotes) == 1 and len(res.quotes[0].contents) == 2, by_speaker(res)
