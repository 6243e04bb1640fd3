"""Rendering explanations: highlighted HTML (files, Jupyter) and terminal text with ANSI colour.

Works on :class:`toolkit.explanation.Explanation` objects by their attributes, so
this module imports nothing from ``explain``. HTML uses inline styles only,
so it survives notebook sanitisers and opens offline.
"""

from __future__ import annotations

import html

from .taxonomy import STRATEGY_NOTICE

# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
LABEL_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8C6D1F", "#000000")
_ANSI_COLOURS = ("34", "31", "32", "35", "33", "36", "33", "37")
_DOWN_COLOUR = "#555555"


def label_colours(ids) -> dict[str, str]:
    """A colour per label id, in taxonomy order (the same in plots and highlights).

    Examples
    --------
    >>> label_colours(["a", "b"])
    {'a': '#0072B2', 'b': '#D55E00'}
    """
    return {label: LABEL_COLOURS[i % len(LABEL_COLOURS)] for i, label in enumerate(ids)}


def _tint(colour: str, alpha: float) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha:.2f})"


def _runs(start: int, end: int, marks: list[tuple[int, int, float, object]]) -> list[tuple[int, int, object]]:
    """Split [start, end) into runs; each run carries the mark of highest priority covering it (or None)."""
    cuts = {start, end}
    for s, e, _, _ in marks:
        cuts.update(c for c in (s, e) if start < c < end)
    edges = sorted(cuts)
    runs: list[tuple[int, int, object]] = []
    for a, b in zip(edges, edges[1:]):
        covering = [(priority, payload) for s, e, priority, payload in marks if s <= a and b <= e]
        payload = max(covering, key=lambda item: item[0])[1] if covering else None
        if runs and runs[-1][2] is payload:
            runs[-1] = (runs[-1][0], b, payload)
        else:
            runs.append((a, b, payload))
    return runs


def _term_marks(item, top_terms: int | None = None) -> list[tuple[int, int, float, object]]:
    terms = item.terms if top_terms is None else item.pushed_up[:top_terms] + item.pushed_down[:top_terms]
    return [(s, e, abs(term.contribution), term) for term in terms for s, e in term.spans]


def _describe_source(source: dict) -> str:
    if not source:
        return ""
    parts = [str(source.get("file", ""))]
    if "row" in source:
        parts.append(f"row {source['row']}")
    if "id" in source:
        parts.append(f"{source.get('id_column', 'id')} {source['id']}")
    return ", ".join(p for p in parts if p)


def _term_label(term) -> str:
    return term.surface + (" (negated)" if term.negated else "")


# -- terminal ------------------------------------------------------------------

def _ansi(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color and text else text


def explanation_text(explanation, *, color: bool = False, top_terms: int = 5) -> str:
    """The explanation as terminal text; with *color*, words in evidence sentences are highlighted."""
    codes = {item.label: _ANSI_COLOURS[i % len(_ANSI_COLOURS)] for i, item in enumerate(explanation.labels)}
    lines = [f"Explanation by model {explanation.model_id}"]
    where = _describe_source(explanation.source)
    if where:
        lines.append(f"Text: {where}")
    lines.append("Words and phrases: " + (explanation.term_method
                                          or "not available for this model type; sentence evidence only"))
    for item in explanation.labels:
        code = codes[item.label]
        verdict = _ansi("PRESENT", "1;" + code, color) if item.positive else "absent"
        lines += ["", f"{_ansi(item.label, '1;' + code, color)}  {verdict}  score {item.score:.3f} "
                      f"(threshold {item.threshold:.2f})  {item.name}"]
        evidence = item.evidence
        if evidence:
            lines.append("  sentences that carry it:" if item.positive else
                         "  not found in the whole text, but these sentences reach the threshold on their own:")
            marks = _term_marks(item, top_terms)
            for sentence in evidence[:3]:
                shown = "".join(
                    _ansi(explanation.text[a:b], ("1;4;" + code) if term.contribution > 0 else "2", color)
                    if term else explanation.text[a:b]
                    for a, b, term in _runs(sentence.start, sentence.end, marks))
                lines.append(f"    {sentence.score:.3f} on its own, text {item.score - sentence.drop:.3f} without it:  "
                             f"\"{shown}\"")
            if len(evidence) > 3:
                lines.append(f"    ... and {len(evidence) - 3} more")
        elif item.sentences:
            best = item.sentences[0]
            lines.append(f"  no sentence reaches the threshold (best {best.score:.3f}: \"{_shorten(best.text)}\")")
        if explanation.term_method:
            up = ", ".join(f"{_term_label(t)} {t.contribution:+.2f}" for t in item.pushed_up[:top_terms]) or "nothing"
            down = ", ".join(f"{_term_label(t)} {t.contribution:+.2f}"
                             for t in item.pushed_down[:top_terms]) or "nothing"
            lines += [f"  pushed up:   {up}", f"  pushed down: {down}"]
    found = [item for item in explanation.labels if item.positive and item.strategies]
    if found:
        lines += ["", f"Conversation starters for the barriers found. {STRATEGY_NOTICE}"]
        for item in found:
            lines.append(f"  {item.name}:")
            lines += [f"    - {note}" for note in item.strategies]
    return "\n".join(lines)


def _shorten(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


# -- HTML --------------------------------------------------------------------------

_BOX = "font-family:system-ui,-apple-system,'Segoe UI',sans-serif;line-height:1.5;color:#222;max-width:60em"
_TEXT = "white-space:pre-wrap;border:1px solid #ddd;border-radius:4px;padding:0.6em 0.8em;background:#fff;color:#222"


def _sentence_title(explanation, start: int) -> str:
    scores = []
    for item in explanation.labels:
        for sentence in item.sentences:
            if sentence.start == start:
                scores.append(f"{item.label} {sentence.score:.2f}")
    return "sentence scores: " + ", ".join(scores)


def _overview_html(explanation, colours: dict[str, str]) -> str:
    """The whole text; each evidence sentence tinted in the colour of its strongest present label."""
    best: dict[int, tuple[float, str]] = {}
    for item in explanation.labels:
        if not item.positive:
            continue
        for sentence in item.evidence:
            if sentence.start not in best or sentence.score > best[sentence.start][0]:
                best[sentence.start] = (sentence.score, item.label)
    sentences = explanation.labels[0].sentences if explanation.labels else []
    marks = [(s.start, s.end, 1.0, (best.get(s.start, (0.0, None))[1], s.start)) for s in sentences]
    parts = []
    for a, b, payload in _runs(0, len(explanation.text), marks):
        segment = html.escape(explanation.text[a:b])
        if payload is None:
            parts.append(segment)
            continue
        label, start = payload
        style = f"background:{_tint(colours[label], 0.28)};border-radius:3px" if label else ""
        parts.append(f'<span style="{style}" '
                     f'title="{html.escape(_sentence_title(explanation, start))}">{segment}</span>')
    return f'<div style="{_TEXT}">{"".join(parts)}</div>'


def _label_text_html(explanation, item, colour: str, top_terms: int) -> str:
    """The text with one label's evidence: sentences tinted by score, words underlined by contribution."""
    evidence = {s.start for s in item.evidence}
    marks = [(s.start, s.end, 0.0, ("sentence", s)) for s in item.sentences]
    marks += [(s, e, 1.0 + p, ("term", t)) for s, e, p, t in _term_marks(item, top_terms)]
    sentence_at = {s.start: s for s in item.sentences}
    parts = []
    for a, b, payload in _runs(0, len(explanation.text), marks):
        segment = html.escape(explanation.text[a:b])
        if payload is None:
            parts.append(segment)
            continue
        kind, obj = payload
        sentence = obj if kind == "sentence" else next(
            (s for s in sentence_at.values() if s.start <= a < s.end), None)
        styles, titles = [], []
        if sentence is not None:
            titles.append(f"this sentence scores {sentence.score:.2f} on its own; the text scores "
                          f"{item.score - sentence.drop:.2f} without it (with it: {item.score:.2f})")
            if sentence.start in evidence:
                styles.append(f"background:{_tint(colour, 0.12 + 0.3 * sentence.score)}")
        if kind == "term":
            direction = "up" if obj.contribution > 0 else "down"
            titles.insert(0, f"'{_term_label(obj)}' pushes {item.label} {direction} ({obj.contribution:+.2f})")
            if obj.contribution > 0:
                styles.append(f"font-weight:600;border-bottom:3px solid {colour}")
            else:
                styles.append(f"color:{_DOWN_COLOUR};border-bottom:2px dotted {_DOWN_COLOUR}")
        parts.append(f'<span style="{";".join(styles)}" title="{html.escape(" | ".join(titles))}">{segment}</span>')
    return f'<div style="{_TEXT}">{"".join(parts)}</div>'


def _score_bar(item, colour: str) -> str:
    width, threshold = item.score * 100, item.threshold * 100
    return (f'<div title="score {item.score:.3f}, threshold {item.threshold:.2f}" style="position:relative;width:12em;'
            'height:0.8em;background:#eee;border-radius:3px;display:inline-block;vertical-align:middle;margin:0 0.5em">'
            f'<div style="width:{width:.1f}%;height:100%;background:{colour};border-radius:3px"></div>'
            f'<div style="position:absolute;left:{threshold:.1f}%;top:-0.2em;height:1.2em;'
            'border-left:2px solid #222"></div></div>')


def _terms_html(terms, limit: int) -> str:
    if not terms:
        return "nothing"
    return ", ".join(f"<code>{html.escape(_term_label(t))}</code>&nbsp;{t.contribution:+.2f}" for t in terms[:limit])


def _label_section_html(explanation, item, colour: str, top_terms: int) -> str:
    verdict = "<b>present</b>" if item.positive else "absent"
    parts = ['<h4 style="margin:1em 0 0.3em"><span style="display:inline-block;width:0.9em;height:0.9em;'
             f'background:{colour};border-radius:2px;margin-right:0.4em"></span>{html.escape(item.name)} '
             f'<span style="font-weight:normal;color:#555">({html.escape(item.label)})</span></h4>',
             f"<div>{verdict} &middot; score {item.score:.3f}{_score_bar(item, colour)}threshold "
             f"{item.threshold:.2f}</div>",
             _label_text_html(explanation, item, colour, top_terms)]
    if item.evidence:
        rows = "".join(f"<li>{s.score:.2f} on its own; the text scores {item.score - s.drop:.2f} without it: "
                       f"&ldquo;{html.escape(_shorten(s.text, 140))}&rdquo;</li>" for s in item.evidence[:5])
        heading = ("Sentences that carry it" if item.positive else
                   "Not found in the whole text, but these sentences reach the threshold on their own")
        parts.append(f"<div>{heading}:<ul style='margin:0.2em 0'>{rows}</ul></div>")
    if explanation.term_method:
        parts.append(f"<div>Pushed up by: {_terms_html(item.pushed_up, top_terms)}</div>"
                     f"<div>Pushed down by: {_terms_html(item.pushed_down, top_terms)}</div>")
    return "".join(parts)


def explanation_html(explanation, *, standalone: bool = True, top_terms: int = 8) -> str:
    """Highlighted HTML of an explanation: legend, the text tinted by label, then each label's evidence."""
    colours = label_colours([item.label for item in explanation.labels])
    legend = " ".join(
        f'<span style="display:inline-block;margin-right:1em" title="score {item.score:.3f}, '
        f'threshold {item.threshold:.2f}">'
        '<span style="display:inline-block;width:0.9em;height:0.9em;'
        f'background:{colours[item.label]};border-radius:2px;vertical-align:middle"></span> '
        f'{html.escape(item.name)}: {item.score:.2f}{" ✔" if item.positive else ""}</span>'
        for item in explanation.labels)
    where = _describe_source(explanation.source)
    present = [item for item in explanation.labels if item.positive]
    absent = [item for item in explanation.labels if not item.positive]
    parts = [f'<div style="{_BOX}">',
             f'<div style="color:#555;font-size:0.9em">Model <code>{html.escape(explanation.model_id)}</code>'
             f'{" &middot; " + html.escape(where) if where else ""} &middot; hover over the text for scores</div>',
             f'<div style="margin:0.4em 0">{legend}</div>',
             _overview_html(explanation, colours),
             '<div style="color:#555;font-size:0.85em;margin-top:0.3em">Tinted: sentences that carry a barrier the '
             'model found (colour of the strongest). Below, per barrier: words that pushed its score up are underlined '
             'in its colour, words that pushed it down have a dotted grey underline.</div>']
    parts += [_label_section_html(explanation, item, colours[item.label], top_terms) for item in present]
    if absent:
        names = ", ".join(html.escape(item.name) for item in absent)
        parts.append(f'<details style="margin-top:1em"><summary>Not found: {names}</summary>'
                     + "".join(_label_section_html(explanation, item, colours[item.label], top_terms)
                               for item in absent)
                     + "</details>")
    notes = [item for item in present if item.strategies]
    if notes:
        parts.append('<div style="margin-top:1em;padding:0.5em 0.8em;background:#f6f6f2;border-left:4px solid #999">'
                     f"<b>Conversation starters</b> <span style='color:#555'>({html.escape(STRATEGY_NOTICE)})</span>"
                     + "".join(f"<div style='margin-top:0.3em'>{html.escape(item.name)}:<ul style='margin:0.1em 0'>"
                               + "".join(f"<li>{html.escape(n)}</li>" for n in item.strategies) + "</ul></div>"
                               for item in notes) + "</div>")
    parts.append('<div style="color:#777;font-size:0.8em;margin-top:0.8em">A research aid, not a diagnostic tool: '
                 "scores are a model's statistical guesses about what the text expresses.</div></div>")
    body = "".join(parts)
    if not standalone:
        return body
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Barrier explanation</title></head>"
            f"<body style='margin:2em'>{body}</body></html>")
