"""What each page shows: the form, a leaflet being made or made, the editor's list."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import anyio

from ..audiences import audiences_served
from ..batch import Outcome
from ..errors import ContentErrors, LeafletError
from ..inputs import Inputs
from ..models import AUDIENCES
from .builds import Builds
from .pages import Page, Pages, refresh_query, token_of
from .params import WEB_FORMATS, BadRequest, Choice, read_choice
from .site import ContactErrors, Site, Snapshot


@dataclass(frozen=True)
class Made:
    """A checked choice and its PDF: built, found in the cache, or still being made."""

    choice: Choice
    inputs: Inputs  # everything the PDF is made from: its name and fingerprint
    outcome: Outcome | None  # None: still being made
    ahead: int = 0  # builds asked for before this one and not done

    @property
    def token(self) -> str:
        """What changes when the PDF changes: its inputs' fingerprint."""
        return self.inputs.fingerprint

    @property
    def file_name(self) -> str:
        """The PDF's file name, as the CLI writes it: every choice is in it."""
        return self.inputs.name


class Views:
    """Pages as (response, token) pairs, so a held request can tell when one changed."""

    def __init__(self, site: Site, pages: Pages, builds: Builds, watch: bool):
        self.site, self.pages, self.builds, self.watch = site, pages, builds, watch

    def form(self, snap: Snapshot, lang: str, values: dict[str, str], status: int = 200,
             problem: BadRequest | None = None) -> Page:
        """The nurse's form; with `problem`, the choice still missing, said on the form."""
        leaflets = sorted((i, l.title) for i, l in snap.offered.items())
        if not leaflets:
            status = 503
        served = {a for i, l in snap.offered.items()
                  for a in audiences_served(l, snap.library.sections.get(l.topic, {}))}
        words = snap.strings.get(lang) or next(iter(snap.strings.values()), None)
        if words is None:  # no interface words load: render() says so in plain text
            return Page(self.pages.render(snap, lang, "form.html.j2", 500), "no-words")
        chosen = {"format": "a4", "notes": "no", "contact": "", **values}
        contacts = [(c, self.site.contact_name(c)) for c in self.site.contacts()]
        options = {"leaflet": leaflets, "contact": [("", "")] + contacts,
                   "audience": [(a, words.audiences[a]) for a in AUDIENCES if a in served],
                   "format": [(f, words.web.formats[f]) for f in WEB_FORMATS]}
        field = problem.field if problem else None
        first = options.get(field or "", [("", "")])  # where the message's link leads
        response = self.pages.render(
            snap, lang, "form.html.j2", status, problem=problem, chosen=chosen,
            problem_anchor=f"{field}-{first[0][0] or 'none'}" if first else "",
            leaflets=leaflets, contacts=contacts, audiences=options["audience"],
            formats=options["format"], switch=switch_links("/", values))
        return Page(response, token_of(status, problem and problem.field))

    async def attempt(self, snap: Snapshot, lang: str, values: dict[str, str],
                      wait: float, page: bool = True) -> Page | Made:
        """Return the leaflet as made (or still being made after `wait` seconds), or
        the page saying what stops it. `page`: for a page (not a PDF), a missing choice
        shows the form again, and under --watch an error page follows changes."""
        more = {**self._again(values, lang), **({"follow": values} if page and self.watch
                                                 else {})}
        if snap.library is None:
            return self.pages.error(snap, lang, 422, "blocked", errors=snap.errors,
                                    show_errors=self.watch, **more)
        try:
            choice = self.choice(snap, values)
        except BadRequest as error:
            if error.kind == "missing" and page:
                return self.form(snap, lang, values, 400, error)
            return self.pages.error(snap, lang, error.status, error.kind, error.field, **more)
        blocking = snap.errors_for(choice.leaflet)
        if blocking:
            return self.pages.error(snap, lang, 422, "blocked", errors=blocking,
                                    show_errors=self.watch, **more)
        try:
            made = await self.outcome(snap, choice, wait)
        except ContactErrors as error:
            return self.pages.error(snap, lang, 422, "contact_broken", "contact",
                                    errors=error.errors, **more)
        except ContentErrors as error:  # an image, a template file: with file and line
            return self.pages.error(snap, lang, 422, "build", errors=error.errors, **more)
        except LeafletError as error:
            return self.pages.error(snap, lang, 422, "build", lines=str(error).splitlines(),
                                    **more)
        if made.outcome is not None and made.outcome.status == "failed":
            if made.outcome.message.startswith("internal error"):
                return self.pages.error(snap, lang, 500, "failed", **more)
            return self.pages.error(snap, lang, 422, "build",
                                    lines=made.outcome.message.splitlines(), **more)
        return made

    async def leaflet(self, snap: Snapshot, lang: str, values: dict[str, str],
                      wait: float) -> Page:
        """The result page, the page saying the leaflet is being made, or what stops it."""
        made = await self.attempt(snap, lang, values, wait)
        if isinstance(made, Page):
            return made
        context = self._made(snap, made, lang, values)
        if made.outcome is None:
            token = f"waiting-{made.ahead}"
            response = self.pages.render(snap, lang, "waiting.html.j2", 202, ahead=made.ahead,
                                         refresh=refresh_query(values, token), **context)
            return Page(response, token)
        token = made.token
        query = {**made.choice.query(lang), "build": token[:16]}
        pdf = f"/pdf/{context['file_name']}?"
        response = self.pages.render(
            snap, lang, "result.html.j2", 200, outcome=made.outcome,
            pdf_url=pdf + urlencode(query), download_url=pdf + urlencode({**query, "download": "yes"}),
            refresh=refresh_query(values, token) if self.watch else None, **context)
        return Page(response, token)

    def choice(self, snap: Snapshot, values: dict[str, str]) -> Choice:
        """Return the checked choice; a leaflet that is known but stopped by an error
        passes here (the page then says what stops it)."""
        choice = read_choice(values, snap.known, self.site.contacts())
        leaflet = snap.offered.get(choice.leaflet)
        if leaflet is not None and choice.audience not in audiences_served(
                leaflet, snap.library.sections.get(leaflet.topic, {})):
            raise BadRequest(404, "not_served", "audience")
        return choice

    async def outcome(self, snap: Snapshot, choice: Choice, wait: float) -> Made:
        """Return the PDF as found in the cache, or built within `wait` seconds, or still
        being made. Raises ContactErrors, ContentErrors, LeafletError, Busy."""
        inputs, cached = await anyio.to_thread.run_sync(self.site.lookup, snap.library, choice)
        if cached is not None:
            return Made(choice, inputs, cached)
        key, future = self.builds.submit(snap.library, choice, inputs.fingerprint)
        outcome = await self.builds.wait(future, wait)
        return Made(choice, inputs, outcome, self.builds.ahead(key))

    def errors(self, snap: Snapshot, lang: str, values: dict[str, str]) -> Page:
        """The editor's list: every content error with file, line and field."""
        errors = [self.site.relative(e) for e in snap.errors]
        token = token_of([str(e) for e in errors])
        response = self.pages.render(
            snap, lang, "errors.html.j2", 200, errors=errors, path="/errors",
            switch=switch_links("/errors", values),
            refresh=refresh_query(values, token) if self.watch else None)
        return Page(response, token)

    def _made(self, snap: Snapshot, made: Made, lang: str, values: dict) -> dict:
        """What the result and waiting pages confirm: the choices, in the page's words."""
        contact = made.choice.contact
        return {"choice": made.choice, "leaflet": snap.offered[made.choice.leaflet],
                "contact_name": self.site.contact_name(contact) if contact else "",
                "file_name": made.file_name, **self._again(values, lang)}

    @staticmethod
    def _again(values: dict, lang: str) -> dict:
        keep = {k: v for k, v in values.items() if k in ("leaflet", "audience", "format",
                                                         "contact", "notes") and v}
        return {"again_url": "/?" + urlencode({**keep, "lang": lang}),
                "switch": switch_links("/leaflet", values)}


def switch_links(path: str, values: dict[str, str]) -> dict[str, str]:
    """Return this page in each language: the same request with another `lang`."""
    query = {k: v for k, v in values.items() if k not in ("lang", "since", "hop", "download")}
    return {lang: f"{path}?" + urlencode({**query, "lang": lang}) for lang in ("nl", "en")}

