"""Rendering HTML: content is data, headings nest under sections, words come from tables."""

import pytest

from leafletgen.build import load
from leafletgen.markdown import render_markdown
from leafletgen.inputs import read_templates
from leafletgen.pageplan import Composition
from leafletgen.render import Page, css_string, link_texts, render_html
from leafletgen.urls import url_breaks

from helpers import REPO


@pytest.fixture(scope="module")
def library():
    return load(REPO)


def page(library, audience="newly-diagnosed", language="nl", **kw):
    leaflet = library.leaflets["mmn"]
    sections = [library.sections["mmn"][s] for s in leaflet.sections]
    return Page(leaflet, sections, audience, library.strings[language], **kw)


def test_markdown_headings_nest_below_the_section_heading():
    assert str(render_markdown("# Kop\n\n## Sub")) == "<h3>Kop</h3>\n<h4>Sub</h4>\n"


def test_markdown_raw_html_comes_out_as_text():
    html = str(render_markdown("<script>alert(1)</script>"))
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_interface_words_follow_the_leaflet_language(library):
    listed = Composition(with_contents=True)
    dutch = render_html(read_templates(REPO), page(library, composition=listed))
    english = render_html(read_templates(REPO), page(library, language="en", composition=listed))
    assert "Inhoud" in dutch and "Contents" not in dutch
    assert "Contents" in english and "For people who have just been diagnosed" in english


def test_contents_list_links_every_section_and_can_be_left_out(library):
    with_list = render_html(read_templates(REPO),
                            page(library, composition=Composition(with_contents=True)))
    without = render_html(read_templates(REPO), page(library))
    assert with_list.count('<a href="#') == 8
    assert '<a href="#' not in without


def test_one_h1_and_questions_as_h3(library):
    html = render_html(read_templates(REPO), page(library, audience="treatment"))
    assert html.count("<h1") == 1
    assert '<h3 class="qa-question">Hoe zit het met Ivegam?</h3>' in html


def test_link_texts_map_targets_to_words():
    html = '<a href="#diagnose">De <b>diagnose</b></a> <a href="https://example.org">Site</a>'
    assert link_texts(html) == {"diagnose": "De diagnose", "https://example.org": "Site"}


def test_link_texts_prefer_the_aria_label():
    html = '<a href="mailto:a@b.nl" aria-label="E-mail: a@b.nl">a@b.<wbr>nl</a>'
    assert link_texts(html) == {"mailto:a@b.nl": "E-mail: a@b.nl"}


def test_addresses_break_only_after_slashes_and_dots():
    html = str(url_breaks("https://example.org/neuro-musculair/a<b"))
    pieces = html.split("<wbr>")
    assert [p.removeprefix('<span class="url-piece">').removesuffix("</span>") for p in pieces] \
        == ["https://", "example.", "org/", "neuro-musculair/", "a&lt;b"]


def test_document_title_names_the_audience_in_words(library):
    html = render_html(read_templates(REPO), page(library, audience="treatment"))
    assert ("<title>Multifocale motorische neuropathie (MMN) – Voor mensen die behandeld "
            "worden</title>") in html
    large = render_html(read_templates(REPO), page(library, audience="treatment", large_print=True))
    assert "worden (grote letters)</title>" in large


def test_css_string_escapes_quotes_and_markup():
    assert str(css_string('pa"g<e')) == '"pa\\22 g\\3c e"'


def test_strings_tables_have_the_same_audiences():
    library = load(REPO)
    assert set(library.strings) == {"nl", "en"}
    assert library.strings["nl"].audiences.keys() == library.strings["en"].audiences.keys()


def test_addresses_in_text_may_break_only_after_a_slash_a_dot_or_an_at():
    html = str(render_markdown("Zie www.spier-ziekten.nl/mmn-info. Of mail info@spier-ziekten.nl"
                               ", 1.5 mg, e.g. hypo-thermie."))
    assert html == (
        '<p>Zie <span class="url-piece">www.</span><wbr><span class="url-piece">spier-ziekten.'
        '</span><wbr><span class="url-piece">nl/</span><wbr><span class="url-piece">mmn-info'
        '</span>. Of mail <span class="url-piece">info@</span><wbr><span class="url-piece">'
        'spier-ziekten.</span><wbr><span class="url-piece">nl</span>, 1.5 mg, e.g. '
        'hypo-thermie.</p>\n')
