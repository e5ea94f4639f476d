"""The statement filter (nlp/quote_filter.py) and its training (nlp/quote_filter_train.py)."""
from __future__ import annotations

import importlib.util
import json

import numpy as np
import pytest

from quotegraph.nlp.attribution.rules import Attribution
from quotegraph.nlp.config import ExtractConfig
from quotegraph.nlp.pipeline import extract
from quotegraph.nlp.attribution.statement_filter import MODEL_PATH, load_model, model_from_dict
from quotegraph.train.statement_filter import ATTRIBUTION_F1_TOLERANCE, BAG_SEEDS, GBDT, Example, bag_probability, choose_threshold, export_bag, export_trees, fit_bag, label_candidates
from quotegraph.nlp.attribution.tagger import MODEL_FILE
from quotegraph.records import Document
from tests.paths import SHARED

SCORER = SHARED / "tools" / "attribution_score.py"


def test_exported_trees_give_sklearns_probabilities():
    from sklearn.ensemble import GradientBoostingClassifier

    rng = np.random.default_rng(7)
    X = rng.normal(size=(400, 3))
    X[:60, 2] = -1.0  # the "does not apply" value
    y = X[:, 0] + X[:, 1] * X[:, 2] + rng.normal(size=400) * 0.3 > 0
    fitted = GradientBoostingClassifier(**GBDT).fit(X, y)
    model = model_from_dict({**export_trees(fitted, ["a", "b", "c"]), "threshold": 0.5})
    ours = np.array([model.probability(dict(zip("abc", row))) for row in X])
    assert np.allclose(ours, fitted.predict_proba(X)[:, 1], atol=1e-9)
    # a feature missing from a candidate's evidence is read as "does not apply"
    assert model.probability({"a": X[0, 0], "b": X[0, 1]}) == pytest.approx(
        model.probability({"a": X[0, 0], "b": X[0, 1], "c": -1.0}))


@pytest.mark.skipif(not SCORER.is_file(), reason="scorer not in ../shared/tools")
def test_the_exported_bag_averages_its_members_log_odds():
    rng = np.random.default_rng(11)
    X = rng.normal(size=(300, 3))
    y = X[:, 0] - X[:, 2] + rng.normal(size=300) * 0.5 > 0
    bag = fit_bag(X, y, jobs=1)
    assert len(bag) == len(BAG_SEEDS) > 1
    members = np.array([m.predict_proba(X)[:, 1] for m in bag])
    assert np.ptp(members, axis=0).max() > 0.01  # the seeds do give different models
    model = model_from_dict({**export_bag(bag, ["a", "b", "c"]), "threshold": 0.5})
    ours = np.array([model.probability(dict(zip("abc", row))) for row in X])
    assert np.allclose(ours, bag_probability(bag, X), atol=1e-9)
    assert len(model.trees) == len(BAG_SEEDS) * GBDT["n_estimators"]


def test_training_labels_agree_with_the_scorer(tmp_path):
    text = ("Mayor Ines Darrow said the bridge would reopen in May. Critics said that the repairs were late "
            "and expensive. The council, she added, had approved the budget.")
    def at(phrase: str) -> tuple[int, int]:
        i = text.index(phrase)
        return i, i + len(phrase)
    gold = [
        {"contents": [dict(zip(("start", "end"), at("the bridge would reopen in May")))],
         "sources": [dict(zip(("start", "end"), at("Mayor Ines Darrow")))], "cues": []},
        {"contents": [dict(zip(("start", "end"), at("that the repairs were late and expensive")))],
         "sources": [dict(zip(("start", "end"), at("Critics")))], "cues": []},
        {"contents": [dict(zip(("start", "end"), at("The council")))],
         "sources": [dict(zip(("start", "end"), at("she")))], "cues": []},
    ]
    cands = [
        Attribution([at("the bridge would reopen in May")], "clause", source=at("Mayor Ines Darrow")),  # right
        Attribution([at("the repairs were late and expensive")], "clause", source=at("Mayor Ines Darrow")),  # wrong source
        Attribution([at("the repairs were late")], "tagger", source=at("Critics")),  # duplicate: loses to the one above
        Attribution([at("had approved the budget")], "tagger", source=at("she")),  # no gold quote
    ]
    labels = label_candidates(text, gold, cands)
    assert labels == [(True, True), (True, False), (False, False), (False, False)]
    spec = importlib.util.spec_from_file_location("attribution_score", SCORER)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    (tmp_path / "gold.jsonl").write_text(json.dumps({"id": "d", "text": text, "quotes": gold}) + "\n")
    preds = [{"contents": [{"start": s, "end": e} for s, e in c.contents],
              "sources": [{"start": c.source[0], "end": c.source[1]}]} for c in cands]
    (tmp_path / "pred.jsonl").write_text(json.dumps({"id": "d", "quotes": preds}) + "\n")
    counts = scorer.score(str(tmp_path / "gold.jsonl"), str(tmp_path / "pred.jsonl"))["counts"]
    assert counts["matched"] == sum(m for m, _ in labels)
    assert counts["attributed"] == sum(a for _, a in labels)


shipped = pytest.mark.skipif(not (MODEL_PATH.is_file() and MODEL_FILE.is_file()),
                             reason="statement filter or tagger not shipped")


def filtered(text: str, **settings):
    """Hybrid extraction with the statement filter (settings override ExtractConfig's)."""
    return extract(Document(id="t", source="t", text=text),
                   ExtractConfig(mode="hybrid", statement_filter=True, **settings))


@shipped
def test_threshold_puts_attribution_first_but_ignores_noise_level_differences():
    def examples(spec):  # (probability, matches, attributed) per candidate
        return [Example("d", {}, m, a) for _, m, a in spec], [p for p, _, _ in spec]

    n_gold = 1000
    base = [(0.9, True, True)] * 600
    # lower down, statements whose speaker is as often wrong as right
    middle = [(0.45, True, True)] * 20 + [(0.45, False, False)] * 10 + \
             [(0.25, True, True)] * 15 + [(0.25, True, False)] * 21 + [(0.25, False, False)] * 4
    ex, probs = examples(base + middle)
    cut, at = choose_threshold(ex, probs, n_gold)
    kept = lambda c: [(e, p) for e, p in zip(ex, probs) if p >= c]
    af = lambda c: 2 * sum(e.attributed for e, _ in kept(c)) / (len(kept(c)) + n_gold)
    qf = lambda c: 2 * sum(e.matches for e, _ in kept(c)) / (len(kept(c)) + n_gold)
    assert af(0.25) < af(0.45) < af(0.25) + ATTRIBUTION_F1_TOLERANCE  # attribution all but flat ...
    assert qf(0.25) > qf(0.45)                                       # ... quotes better lower down
    assert cut <= 0.25 and at["quotes_f1"] == round(qf(0.25), 4)
    # a real loss of attribution F1 is not traded for quotes F1
    ex, probs = examples(base + middle + [(0.25, True, False)] * 40)
    cut, _ = choose_threshold(ex, probs, n_gold)
    assert 0.25 < cut <= 0.45


def test_shipped_filter_records_how_it_was_trained():
    model = load_model()
    assert 0.05 < model.threshold < 0.9
    assert "train-filter" in model.meta["retrain_command"]
    assert model.meta["train_data"]["path"] == "train.jsonl"  # never dev or test
    assert {"origin_tagger", "tagger_content_cover", "has_source"} <= set(model.feature_names)


@shipped
def test_filter_keeps_statements_and_drops_fragments():
    text = ("Harbour master Ilse Varga said on Monday that the new pier would open in June, two months late. "
            "But the weather was calm, and the ferries sailed on time. "
            "“We are ready for the summer,” she told the Port Gazette. "
            "Fishermen complained that the works had cost them a season.")
    res = filtered(text)
    by_content = {q.contents[0].text: q for q in res.quotes}
    pier = next(q for c, q in by_content.items() if "pier would open" in c)
    ready = next(q for c, q in by_content.items() if "We are ready" in c)
    assert pier.speaker.name == "Ilse Varga" and ready.speaker.name == "Ilse Varga"
    assert any("works had cost them" in c for c in by_content)
    assert not any("ferries sailed" in c for c in by_content)  # narration, not a statement
    assert all(0.0 < q.confidence <= 1.0 for q in res.quotes)
    # no two statements over the same words
    words = [set(c.split()) for c in by_content]
    assert all(len(a & b) / len(a | b) < 0.3 for i, a in enumerate(words) for b in words[i + 1:])


@shipped
def test_headline_by_a_named_source_is_kept_whatever_the_model_says():
    text = ("Veltra Ministry: Border crossings will stay closed until spring\n\n"
            "Poll: Voters abandon the Harbour Party before the election\n\n"
            "The ministry gave no date for the reopening.")
    # a threshold no model probability reaches: only exempt statements remain
    res = filtered(text, filter_threshold=1.01)
    assert [q.sources[0].text for q in res.quotes] == ["Veltra Ministry"]
    none = filtered(text, filter_threshold=1.01, filter_exempt_rules=frozenset())
    assert none.quotes == []


def test_half_taggers_train_on_complementary_halves(tmp_path):
    from quotegraph.train.tagger import training_documents

    path = tmp_path / "train.jsonl"
    path.write_text("".join(json.dumps({"id": f"d{i}", "text": "x", "quotes": []}) + "\n" for i in range(7)))
    even, odd = training_documents(str(path), half=0), training_documents(str(path), half=1)
    assert [d["id"] for d in even] == ["d0", "d2", "d4", "d6"] and [d["id"] for d in odd] == ["d1", "d3", "d5"]
    assert len(training_documents(str(path))) == 7


@shipped
def test_only_statements_syntax_says_were_unattributed_stay_without_a_speaker():
    text = ("The harbour minister was asked on Monday whether the contracts had been signed before the vote. "
            "None of the families are known to have asked for compensation after the flood. "
            "Ferry captains said the new pier was too short for the winter boats.")
    # threshold 0: every candidate the keep step allows is kept
    res = filtered(text, filter_threshold=0.0)
    unattributed = [q for q in res.quotes if not q.sources]
    assert unattributed and all(q.speaker is None for q in unattributed)
    assert all(q.cue is not None and "was asked" in q.cue.text and "contracts" in q.contents[0].text
               for q in unattributed)  # "was asked": spoken to by someone unnamed; not "are known"
    captains = next(q for q in res.quotes if "too short" in q.contents[0].text)
    assert captains.sources[0].text == "Ferry captains"


def test_a_piece_of_a_kept_statement_by_the_same_speaker_is_not_kept_again():
    from quotegraph.nlp.attribution.statement_filter import keep
    from quotegraph.nlp.spacy_model import get_nlp

    text = "Vostrik called the former mayors Arno Belk and Ivo Stani his ‘friends’, Belk told the paper."
    def at(phrase: str) -> tuple[int, int]:
        return text.index(phrase), text.index(phrase) + len(phrase)
    whole = Attribution([at("the former mayors Arno Belk and Ivo Stani his ‘friends’")], "object",
                        source=at("Vostrik"))
    piece = Attribution([at("his ‘friends’")], "tagger", source=at("Vostrik"))  # same speaker: a piece
    other = Attribution([at("his ‘friends’")], "tagger", source=at("Belk told"))  # another speaker's claim
    # a real (tiny) model: longer contents are likelier, every candidate clears the cut
    model = model_from_dict({"feature_names": ["n_words"], "base": 0.0, "learning_rate": 1.0, "threshold": 0.0,
                             "trees": [{"feature": [0, -2, -2], "threshold": [2.0, -2.0, -2.0],
                                        "left": [1, -1, -1], "right": [2, -1, -1], "value": [0.0, -1.0, 1.0]}]})
    sdoc = get_nlp()(text)
    assert keep(sdoc, [whole, piece], [], [], text, model) == [whole]
    assert keep(sdoc, [whole, other], [], [], text, model) == [whole, other]


POLNEAR_TRAIN = SHARED / "polnear" / "train.jsonl"


@shipped
@pytest.mark.skipif(not POLNEAR_TRAIN.is_file(), reason="PolNeAR train not in ../shared/polnear")
def test_train_filter_learns_from_every_tagger_pair_it_is_given(tmp_path):
    from typer.testing import CliRunner

    from quotegraph.cli.main import app

    tagger = str(MODEL_FILE)
    pair = f"{tagger},{tagger}"  # the shipped tagger as both halves: only the bookkeeping is under test
    runs = {}
    for n in (1, 2):
        out = tmp_path / f"filter{n}.json"
        args = ["train-filter", "--max-docs", "10", "--out", str(out), "--train", str(POLNEAR_TRAIN)]
        result = CliRunner().invoke(app, args + ["--taggers", pair] * n)
        assert result.exit_code == 0, result.output
        runs[n] = json.loads(out.read_text())
    assert runs[2]["meta"]["examples"] == 2 * runs[1]["meta"]["examples"]
    assert runs[2]["meta"]["train_data"]["tagger_pairs"] == 2
    assert runs[2]["meta"]["train_data"]["gold_quotes"] == runs[1]["meta"]["train_data"]["gold_quotes"]
    # the same candidates twice over, scored against the gold once per pair: F1 out of fold on the
    # same scale (counted against the gold once, it would be near 2 * 2M / (2N + G), ~1.3x higher)
    f1 = [runs[n]["meta"]["out_of_fold_at_threshold"]["quotes_f1"] for n in (1, 2)]
    assert abs(f1[0] - f1[1]) < 0.1
    bad = CliRunner().invoke(app, ["train-filter", "--max-docs", "2", "--taggers", tagger])
    assert bad.exit_code == 2 and "two loadable ONNX models" in bad.output


def _tiny_model_file(path, meta: dict) -> str:
    tree = {"feature": [0, -2, -2], "threshold": [2.0, -2.0, -2.0], "left": [1, -1, -1], "right": [2, -1, -1],
            "value": [0.0, -1.0, 1.0]}
    path.write_text(json.dumps({"feature_names": ["n_words"], "base": 0.0, "learning_rate": 1.0, "threshold": 0.5,
                                "trees": [tree], "meta": meta}))
    return str(path)


def test_candidates_are_proposed_with_the_settings_saved_in_the_model(tmp_path):
    from dataclasses import replace

    from quotegraph.nlp.attribution.statement_filter import CANDIDATE_SETTINGS
    from quotegraph.nlp.config import DEFAULT_CONFIG
    from quotegraph.nlp.pipeline import _candidate_settings

    saved = _tiny_model_file(tmp_path / "saved.json", {"candidate_settings": {"hybrid_min_words": 7}})
    older = _tiny_model_file(tmp_path / "older.json", {})
    hybrid = replace(DEFAULT_CONFIG, mode="hybrid", statement_filter=True)
    assert _candidate_settings(replace(hybrid, filter_model=saved)).hybrid_min_words == 7
    # a model saved before the settings were recorded was trained on CANDIDATE_SETTINGS
    assert _candidate_settings(replace(hybrid, filter_model=older)).hybrid_min_words == \
        CANDIDATE_SETTINGS["hybrid_min_words"]
    assert _candidate_settings(replace(hybrid, mode="rules", filter_model=saved)).hybrid_min_words == \
        DEFAULT_CONFIG.hybrid_min_words


def test_a_model_saved_with_an_unknown_setting_is_refused_naming_its_file(tmp_path):
    bad = _tiny_model_file(tmp_path / "bad.json", {"candidate_settings": {"hybrid_min_wrds": 1}})
    with pytest.raises(ValueError, match=r"bad\.json.*hybrid_min_wrds"):
        load_model(bad)


def test_the_shipped_model_records_its_candidate_settings():
    model = load_model(None)
    if model is None:
        pytest.skip("no shipped filter model")
    from quotegraph.nlp.attribution.statement_filter import CANDIDATE_SETTINGS

    assert model.meta["candidate_settings"] == CANDIDATE_SETTINGS  # what train-filter would use today
