"""The cue lexicon is checked on load: unknown sections, duplicates and non-lemmas are
errors naming the file and line; the shipped lexicon passes."""
from quotegraph.nlp.attribution.cues import load_cue_lexicon
from quotegraph.nlp.attribution.lexicon_check import check_cue_file, spacy_verb_lemmas
from quotegraph.nlp.resources import DATA_DIR


def test_shipped_lexicon_is_clean_and_loads():
    assert check_cue_file(DATA_DIR / "cues.yaml", spacy_verb_lemmas()) == []
    assert "say" in load_cue_lexicon().clause


def test_errors_name_file_and_line(tmp_path):
    bad = tmp_path / "cues.yaml"
    bad.write_text("clause: [say, tell,\n  say]\nobject: [criticized]\ncolour: [red]\n"
                   "particles:\n  spoke: [of]\n", encoding="utf-8")
    problems = check_cue_file(bad, spacy_verb_lemmas())
    assert f"{bad}:2: 'say' listed twice in clause (first at line 1)" in problems
    assert any(p.startswith(f"{bad}:3: 'criticized' in object is not a lemma (spaCy gives criticize") for p in problems)
    assert any(p.startswith(f"{bad}:4: unknown section 'colour'") for p in problems)
    assert any(p.startswith(f"{bad}:6: 'spoke' in particles is not a lemma") for p in problems)
    bad.write_text("object: [spoke]\nunlemmatized_forms: [spoke]\n", encoding="utf-8")
    assert check_cue_file(bad, spacy_verb_lemmas()) == []
