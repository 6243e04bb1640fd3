"""Rendering evaluation reports as a text table, Markdown and self-contained HTML.

The HTML report draws its plots as inline SVG, so it needs no plotting
library and opens offline in any browser.
"""

from __future__ import annotations

import html
import json
import math

import numpy as np
import pandas as pd

from .evaluation import EvaluationReport, GateResult
from .taxonomy import STRATEGY_NOTICE, Taxonomy, load_taxonomy

PALETTE = ("#1b6ca8", "#d1495b", "#edae49", "#00798c", "#66a182", "#8d6a9f", "#30638e", "#c3423f")
_COLUMNS = ["label", "precision", "recall", "f1", "f1_ci_low", "f1_ci_high", "support", "roc_auc", "average_precision"]


UNDEFINED = "n/a"
UNDEFINED_NOTE = ("n/a: undefined (0/0); an F1 is undefined when a label has no gold positives and no predictions, "
                  "and is left out of the means. A false flag is a text the model flagged for a label with no gold "
                  "positives (F1 0)")


def _fmt(value) -> str:
    if isinstance(value, str):
        return value
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return UNDEFINED
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    return f"{value:.3f}"


def _names(labels) -> dict[str, str]:
    """Display names of the shipped taxonomy's labels; other ids stay as they are."""
    known = {label.id: label.name for label in load_taxonomy().labels}
    return {label: known.get(label, label) for label in labels}


def _f1_cell(f1: float, support: int, false_flags: int) -> str:
    """F1 as shown: n/a when undefined, and beside a 0 with no gold positives the count of false flags."""
    if support == 0 and false_flags > 0:
        return f"{_fmt(f1)} ({false_flags} false flag{'s' if false_flags != 1 else ''})"
    return _fmt(f1)


def _table(report: EvaluationReport) -> pd.DataFrame:
    frame = report.to_frame()
    # Columns not computed in this run (no bootstrap, no scores) are left out rather than shown as n/a.
    computed = [c for c in _COLUMNS if c in ("label", "f1", "support")
                or (c in report.per_label.columns and report.per_label[c].notna().any())]
    table = frame[computed].astype(object)
    per_label = len(report.per_label)
    table.loc[:per_label - 1, "f1"] = [_f1_cell(row.f1, row.support, row.fp)
                                       for row in report.per_label.itertuples(index=False)]
    # The average rows have no precision, AUC, ...: blank, not n/a (which means undefined).
    averages = table.index >= per_label
    for column in table.columns:
        if column not in ("label", "f1", "f1_ci_low", "f1_ci_high", "support"):
            table.loc[averages, column] = ""
    return table


def _groups_have_undefined_or_false_flags(report: EvaluationReport) -> bool:
    for frame in report.groups.values():
        for label in report.labels:
            if f"f1_{label}" in frame.columns and (
                    frame[f"f1_{label}"].isna().any()
                    or ((frame[f"support_{label}"] == 0) & (frame[f"fp_{label}"] > 0)).any()):
                return True
    return False


def _notes(report: EvaluationReport) -> list[str]:
    """What n/a and false flags mean, and which labels the means leave out; empty when nothing is undefined."""
    per_label = report.per_label
    undefined = per_label.loc[per_label["f1"].isna(), "label"].tolist()
    flagged = per_label[(per_label["support"] == 0) & (per_label["fp"] > 0)]
    grouped = _groups_have_undefined_or_false_flags(report)
    if not undefined and flagged.empty and not grouped:
        return []
    notes = [UNDEFINED_NOTE + "."]
    if undefined:
        defined = len(per_label) - len(undefined)
        notes.append(f"macro-F1 is the mean over {defined} of {len(per_label)} labels (F1 undefined for "
                     f"{', '.join(undefined)}).")
    return notes


def render_text(report: EvaluationReport, gates: list[GateResult] | None = None) -> str:
    """A readable table for the terminal."""
    table = _table(report).astype(object).apply(lambda column: column.map(_fmt))
    lines = [f"{report.meta.get('gold', 'gold')}: {report.rows} rows, model {report.meta.get('model_id', '?')}",
             table.to_string(index=False), *_notes(report), ""]
    overall = report.overall
    lines.append("subset accuracy {:.3f}   Hamming loss {:.3f}".format(overall["subset_accuracy"],
                                                                       overall["hamming_loss"])
                 + ("   mean Brier {:.3f}   mean ECE {:.3f}".format(overall["mean_brier"], overall["mean_ece"])
                    if "mean_brier" in overall else ""))
    if report.intervals:
        lines.append(f"F1 intervals: {int(report.meta['bootstrap']['level'] * 100)}% percentile bootstrap, "
                     f"{report.meta['bootstrap']['resamples']} resamples, seed {report.meta['bootstrap']['seed']}")
    for name, frame in report.groups.items():
        lines += ["", f"by {name}:", _group_table(frame).to_string(index=False)]
    if gates:
        lines += ["", "gates:"] + [f"  {gate.describe()}" for gate in gates]
    return "\n".join(lines)


def _group_table(frame: pd.DataFrame) -> pd.DataFrame:
    columns = [c for c in frame.columns if not c.startswith(("support_", "fp_"))]
    shown = frame[columns].astype(object)
    for column in columns[1:]:
        label = column.removeprefix("f1_")
        if column.startswith("f1_") and f"support_{label}" in frame.columns:
            shown[column] = [_f1_cell(f1, support, fp) for f1, support, fp
                             in zip(frame[column], frame[f"support_{label}"], frame[f"fp_{label}"])]
        else:
            shown[column] = frame[column].map(_fmt)
    return shown


def render_markdown(report: EvaluationReport, gates: list[GateResult] | None = None) -> str:
    """Markdown for CI job summaries."""
    table = _table(report)
    lines = [f"## Model evaluation: {report.meta.get('gold', 'gold')} ({report.rows} rows)", "",
             f"Model `{report.meta.get('model_id', '?')}`, toolkit {report.meta.get('toolkit_version', '?')}, "
             f"{report.meta.get('timestamp', '')}", ""]
    if gates:
        failed = [g for g in gates if not g.passed]
        lines += [f"**Gates: {'all passed' if not failed else f'{len(failed)} failed'}**", ""]
        lines += [f"- {'✅' if g.passed else '❌'} `{g.name}` = {g.shown} (required {g.requirement.replace('>=', '≥')})"
                  for g in gates]
        lines.append("")
    lines.append("| " + " | ".join(table.columns) + " |")
    lines.append("|" + "---|" * len(table.columns))
    for _, row in table.iterrows():
        lines.append("| " + " | ".join(_fmt(v) for v in row) + " |")
    lines += ["", *[f"_{note}_\n" for note in _notes(report)],
              f"Subset accuracy {report.overall['subset_accuracy']:.3f}, Hamming loss "
              f"{report.overall['hamming_loss']:.3f}."]
    for name, frame in report.groups.items():
        shown = _group_table(frame)
        lines += ["", f"### By {name}", "", "| " + " | ".join(shown.columns) + " |", "|" + "---|" * len(shown.columns)]
        lines += ["| " + " | ".join(str(v) for v in row) + " |" for row in shown.itertuples(index=False)]
    return "\n".join(lines) + "\n"


# -- SVG plots ---------------------------------------------------------------

def _svg(width: int, height: int, body: list[str], title: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
            f'aria-label="{html.escape(title)}" font-family="sans-serif" font-size="12">'
            f'<title>{html.escape(title)}</title>' + "".join(body) + "</svg>")


def _axes(x0, y0, x1, y1, x_label, y_label, title, y_ticks=(0, 0.25, 0.5, 0.75, 1.0), x_ticks=()):
    body = [f'<text x="{(x0 + x1) / 2}" y="16" text-anchor="middle" font-weight="bold">{html.escape(title)}</text>',
            f'<line x1="{x0}" y1="{y1}" x2="{x1}" y2="{y1}" stroke="#333"/>',
            f'<line x1="{x0}" y1="{y0}" x2="{x0}" y2="{y1}" stroke="#333"/>',
            f'<text x="{(x0 + x1) / 2}" y="{y1 + 34}" text-anchor="middle">{html.escape(x_label)}</text>',
            f'<text x="14" y="{(y0 + y1) / 2}" text-anchor="middle" transform="rotate(-90 14 '
            f'{(y0 + y1) / 2})">{html.escape(y_label)}</text>']
    for tick in y_ticks:
        y = y1 - tick * (y1 - y0)
        body += [f'<line x1="{x0 - 4}" y1="{y}" x2="{x1}" y2="{y}" stroke="#ddd"/>',
                 f'<text x="{x0 - 6}" y="{y + 4}" text-anchor="end">{tick:g}</text>']
    for tick in x_ticks:
        x = x0 + tick * (x1 - x0)
        body += [f'<line x1="{x}" y1="{y0}" x2="{x}" y2="{y1 + 4}" stroke="#ddd"/>',
                 f'<text x="{x}" y="{y1 + 16}" text-anchor="middle">{tick:g}</text>']
    return body


def f1_bars_svg(report: EvaluationReport) -> str:
    """Per-label F1 bars with bootstrap CI whiskers."""
    labels = list(report.labels)
    width, height, x0, y0, x1, y1 = 120 + 160 * len(labels), 300, 50, 30, 100 + 160 * len(labels), 240
    body = _axes(x0, y0, x1, y1, "barrier", "F1", "Per-barrier F1 with 95% bootstrap interval")
    frame = report.per_label.set_index("label")
    names = _names(labels)
    for i, label in enumerate(labels):
        f1 = frame.loc[label, "f1"]
        cx = x0 + 50 + i * 160
        if math.isnan(f1):
            body += [f'<text x="{cx + 30}" y="{y1 - 6}" text-anchor="middle">n/a<title>{html.escape(names[label])}: F1 '
                     'undefined (no gold positives and no predictions)</title></text>',
                     f'<text x="{cx + 30}" y="{y1 + 16}" text-anchor="middle" '
                     f'font-size="10">{html.escape(names[label])}</text>']
            continue
        body.append(f'<rect x="{cx}" y="{y1 - f1 * (y1 - y0)}" width="60" height="{f1 * (y1 - y0)}" '
                    f'fill="{PALETTE[i % len(PALETTE)]}"><title>{html.escape(names[label])}: F1 '
                    f'{f1:.3f}</title></rect>')
        if "f1_ci_low" in frame.columns:
            lo, hi = frame.loc[label, "f1_ci_low"], frame.loc[label, "f1_ci_high"]
            ylo, yhi = y1 - lo * (y1 - y0), y1 - hi * (y1 - y0)
            body += [f'<line x1="{cx + 30}" y1="{ylo}" x2="{cx + 30}" y2="{yhi}" stroke="#000" stroke-width="1.5"/>',
                     f'<line x1="{cx + 22}" y1="{ylo}" x2="{cx + 38}" y2="{ylo}" stroke="#000"/>',
                     f'<line x1="{cx + 22}" y1="{yhi}" x2="{cx + 38}" y2="{yhi}" stroke="#000"/>']
        body.append(f'<text x="{cx + 30}" y="{y1 + 16}" text-anchor="middle" '
                    f'font-size="10">{html.escape(names[label])}</text>')
    return _svg(width, height, body, "Per-label F1 with 95% bootstrap interval")


def confusion_svg(report: EvaluationReport) -> str:
    """Per-label 2x2 confusion counts as shaded cells."""
    labels = list(report.labels)
    width, height = 40 + 190 * len(labels), 230
    body = [f'<text x="{width / 2}" y="16" text-anchor="middle" font-weight="bold">Confusion per label (rows: gold, '
            'columns: predicted)</text>']
    frame = report.per_label.set_index("label")
    names = _names(labels)
    for i, label in enumerate(labels):
        ox = 30 + i * 190
        cells = [[frame.loc[label, "tn"], frame.loc[label, "fp"]], [frame.loc[label, "fn"], frame.loc[label, "tp"]]]
        peak = max(max(r) for r in cells) or 1
        body.append(f'<text x="{ox + 89}" y="44" text-anchor="middle" '
                    f'font-size="11">{html.escape(names[label])}</text>')
        for r in range(2):
            for c in range(2):
                value = int(cells[r][c])
                shade = 0.12 + 0.78 * value / peak
                body.append(f'<rect x="{ox + 30 + c * 60}" y="{60 + r * 60}" width="58" height="58" '
                            f'fill="{PALETTE[0]}" fill-opacity="{shade:.2f}"><title>gold {r}, predicted {c}: '
                            f'{value}</title></rect>')
                body.append(f'<text x="{ox + 59 + c * 60}" y="{94 + r * 60}" text-anchor="middle">{value}</text>')
        body += [f'<text x="{ox + 59}" y="196" text-anchor="middle" font-size="10">pred 0</text>',
                 f'<text x="{ox + 119}" y="196" text-anchor="middle" font-size="10">pred 1</text>',
                 f'<text x="{ox + 26}" y="94" text-anchor="end" font-size="10">gold 0</text>',
                 f'<text x="{ox + 26}" y="154" text-anchor="end" font-size="10">gold 1</text>']
    return _svg(width, height, body, "Confusion per label")


def reliability_svg(report: EvaluationReport) -> str:
    """Reliability diagram: observed positive rate against mean score per bin."""
    width, height, x0, y0, x1, y1 = 520, 350, 50, 30, 330, 290
    names = _names(report.calibration_curves)
    body = _axes(x0, y0, x1, y1, "mean model score in the bin", "share truly showing the barrier",
                 "Reliability diagram", x_ticks=(0, 0.25, 0.5, 0.75, 1.0))
    body.append(f'<line x1="{x0}" y1="{y1}" x2="{x1}" y2="{y0}" stroke="#999" stroke-dasharray="4 3"/>')
    for i, (label, curve) in enumerate(report.calibration_curves.items()):
        colour = PALETTE[i % len(PALETTE)]
        points = [(x0 + b["mean_score"] * (x1 - x0), y1 - b["observed_rate"] * (y1 - y0), b) for b in curve]
        if points:
            body.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" '
                        f'points="{" ".join(f"{x:.1f},{y:.1f}" for x, y, _ in points)}"/>')
        for x, y, b in points:
            body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"><title>{html.escape(names[label])}: '
                        f'{b["count"]} texts, mean score {b["mean_score"]:.2f}, observed '
                        f'{b["observed_rate"]:.2f}</title></circle>')
        body += [f'<rect x="345" y="{40 + i * 20}" width="12" height="12" fill="{colour}"/>',
                 f'<text x="362" y="{50 + i * 20}" font-size="10">{html.escape(names[label])}</text>']
    return _svg(width, height, body, "Reliability diagram")


def score_histograms_svg(report: EvaluationReport, bins: int = 20) -> str:
    """Score distributions of gold positives and negatives, one panel per label."""
    labels = list(report.score_samples)
    width, height = 40 + 230 * len(labels), 250
    body = [f'<text x="{width / 2}" y="16" text-anchor="middle" font-weight="bold">Score distributions (gold positives '
            'vs negatives)</text>']
    edges = np.linspace(0, 1, bins + 1)
    names = _names(labels)
    for i, label in enumerate(labels):
        ox, base, top = 40 + i * 230, 190, 50
        samples = report.score_samples[label]
        histograms = {k: np.histogram(samples[k], bins=edges)[0] / max(len(samples[k]), 1)
                      for k in ("negative", "positive")}
        peak = max(h.max() for h in histograms.values()) or 1
        body.append(f'<text x="{ox + 100}" y="40" text-anchor="middle" '
                    f'font-size="11">{html.escape(names[label])}</text>')
        body.append(f'<line x1="{ox}" y1="{base}" x2="{ox + 200}" y2="{base}" stroke="#333"/>')
        for kind, colour in (("negative", "#999999"), ("positive", PALETTE[1])):
            for b, share in enumerate(histograms[kind]):
                h = share / peak * (base - top)
                body.append(f'<rect x="{ox + b * 10}" y="{base - h:.1f}" width="10" height="{h:.1f}" fill="{colour}" '
                            'fill-opacity="0.55">'
                            f'<title>{kind}, scores {edges[b]:.2f}-{edges[b + 1]:.2f}: {share:.1%}</title></rect>')
        body += [f'<text x="{ox}" y="{base + 14}" font-size="10">0</text>',
                 f'<text x="{ox + 200}" y="{base + 14}" font-size="10" text-anchor="end">1</text>',
                 f'<text x="{ox + 100}" y="{base + 14}" font-size="10" text-anchor="middle">0.5</text>',
                 f'<text x="{ox + 100}" y="{base + 28}" font-size="10" text-anchor="middle">model score</text>']
    body += ['<rect x="40" y="232" width="10" height="10" fill="#999999"/><text x="54" y="241" font-size="10">gold '
             'negative</text>',
             f'<rect x="140" y="232" width="10" height="10" fill="{PALETTE[1]}"/><text x="154" y="241" '
             'font-size="10">gold positive</text>']
    return _svg(width, height, body, "Score distributions")


def _html_table(frame: pd.DataFrame) -> str:
    """A table whose headers wrap (underscores shown as spaces); it scrolls in its own box if still too wide."""
    head = "".join(f"<th>{html.escape(str(c).replace('_', ' '))}</th>" for c in frame.columns)
    rows = "".join("<tr>" + "".join(f"<td>{html.escape(_fmt(v))}</td>" for v in row) + "</tr>"
                   for row in frame.itertuples(index=False))
    return f"<div class='wide'><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>"


def render_html(report: EvaluationReport, gates: list[GateResult] | None = None) -> str:
    """A self-contained HTML page: tables and inline SVG plots, no external resources."""
    meta = report.meta
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>Evaluation: {html.escape(str(meta.get('gold', '')))}</title>",
        "<style>body{font-family:sans-serif;max-width:1180px;margin:2em auto;color:#222}"
        "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}"
        "th{background:#f3f3f3}td:first-child{text-align:left}.fail{color:#b00}.pass{color:#070}"
        ".note{color:#555;font-size:0.9em}figure{margin:1.5em 0;overflow-x:auto}.wide{overflow-x:auto;max-width:100%}"
        "th{max-width:7.5em;vertical-align:bottom;font-size:0.9em}</style></head><body>",
        f"<h1>Model evaluation: {html.escape(str(meta.get('gold', '')))}</h1>",
        f"<p>{report.rows} rows &middot; model <code>{html.escape(str(meta.get('model_id')))}</code> &middot; "
        f"toolkit {html.escape(str(meta.get('toolkit_version')))} &middot; "
        f"{html.escape(str(meta.get('timestamp')))}<br><span class='note'>data fingerprint "
        f"{html.escape(str(meta.get('data_fingerprint', ''))[:16])}…</span></p>",
        "<p class='note'>A research aid, not a diagnostic tool: these figures describe a model on a labelled set, "
        "nothing about any person.</p>",
    ]
    if gates:
        parts.append("<h2>Quality gates</h2><ul>" + "".join(
            f"<li class='{'pass' if g.passed else 'fail'}'>{html.escape(g.describe())}</li>" for g in gates) + "</ul>")
    names = _names(report.labels)
    parts += ["<h2>Per-barrier metrics</h2>", _html_table(_table(report).replace({"label": names}).rename(
        columns={"label": "barrier"})),
              *[f"<p class='note'>{html.escape(note)}</p>" for note in _notes(report)],
              f"<p>Subset accuracy {report.overall['subset_accuracy']:.3f}; Hamming loss "
              f"{report.overall['hamming_loss']:.3f}."
              + (f" Intervals: 95% percentile bootstrap over {meta['bootstrap']['resamples']} resamples (seed "
                 f"{meta['bootstrap']['seed']})." if report.intervals else "")
              + "</p>",
              f"<figure>{f1_bars_svg(report)}</figure>", f"<figure>{confusion_svg(report)}</figure>"]
    if report.calibration_curves:
        parts += ["<h2>Calibration</h2>", f"<figure>{reliability_svg(report)}</figure>",
                  f"<figure>{score_histograms_svg(report)}</figure>"]
    for name, frame in report.groups.items():
        shown = _group_table(frame)
        shown.columns = [f"F1: {names[c.removeprefix('f1_')]}" if c.removeprefix("f1_") in names else c
                         for c in shown.columns]
        parts += [f"<h2>By {html.escape(name)}</h2>", _html_table(shown)]
    parts.append("</body></html>")
    return "\n".join(parts)


# -- summaries -----------------------------------------------------------------

def render_summary_json(table: pd.DataFrame, taxonomy: Taxonomy, meta: dict | None = None) -> str:
    """A summary table as JSON: the rows, plus the strategy notes of the labels found, marked as psycho-education."""
    found = [label for label in taxonomy.ids if (table.loc[table["label"] == label, "count"] > 0).any()]
    rows = json.loads(table.to_json(orient="records", date_format="iso", force_ascii=False))
    payload = {
        "meta": meta or {},
        "labels": {label.id: label.name for label in taxonomy.labels},
        "rows": rows,
        "strategies": {"notice": STRATEGY_NOTICE,
                       "by_label": {label: list(taxonomy[label].strategies) for label in found}},
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
