"""A placeholder mark left in content makes its file broken, with file, line and field; one
in a YAML comment is not read, so it is left alone."""

from helpers import demo_sections, load_errors, make_project

MANIFEST = """\
title: Testfolder
topic: demo
publisher:
  name: Testvereniging
  # website: "[[invullen: webadres]]"
version: "1"
published: [[invullen: datum]]
sections: [intro]
"""


def messages(root):
    return [str(error) for error in load_errors(root).errors]


def test_an_unquoted_mark_where_a_date_goes_is_reported_once_as_a_placeholder(tmp_path):
    root = make_project(tmp_path, {"leaflets/demo.yaml": MANIFEST},
                        sections={"intro": demo_sections()["intro"]})
    assert messages(root) == [
        "leaflets/demo.yaml:7: published: replace the placeholder [[invullen: datum]] "
        "with what it asks for"]


def test_marks_in_a_markdown_body_and_a_block_answer_name_their_own_line(tmp_path):
    root = make_project(tmp_path, {
        "content/demo/intro.md": """\
            ---
            title: Intro
            # reviewed: "[[fill in: a date]]"
            audiences: [treatment]
            ---
            Eerste alinea.

            Nog een [[Invullen: tweede alinea]] hier.
            """,
        "content/demo/vragen.yaml": """\
            title: Vragen
            audiences: [treatment]
            questions:
              - question: Wat?
                answer: |
                  # Een kop

                  [[fill in: the answer
            """})
    assert messages(root) == [
        "content/demo/intro.md:8: body: replace the placeholder [[Invullen: tweede alinea]] "
        "with what it asks for",
        "content/demo/vragen.yaml:8: `answer` of question 1: replace the placeholder "
        "that starts '[[fill in: the answer' (its ']]' is missing too)"]


def test_other_problems_of_the_file_are_still_reported(tmp_path):
    root = make_project(tmp_path, {"content/demo/intro.md": """\
        ---
        title: "[[invullen: titel]]"
        audiences: [pre-op]
        ---
        Tekst.
        """})
    assert messages(root) == [
        "content/demo/intro.md:2: title: replace the placeholder [[invullen: titel]] "
        "with what it asks for",
        "content/demo/intro.md:3: audience 1 of `audiences`: expected one of newly-diagnosed, "
        "pre-surgery, treatment; got 'pre-op'"]
