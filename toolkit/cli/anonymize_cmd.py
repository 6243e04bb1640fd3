"""barriers anonymize."""

from __future__ import annotations

import click

from ..anonymize import Anonymizer, anonymized_frames, parse_entity_types, write_mapping
from ..anonymize.evaluate import evaluate_detector
from ..io import STDIO, TableWriter, estimate_rows, read_table
from ..outputs import output_target, write_output_text
from ..progress import Steps
from ..provenance import input_fingerprint, parquet_metadata, provenance, wants_sidecar, write_sidecar
from .common import by_option, grammar_options, output_format_option, text_input_options
from .progress import progress_bar


def _columns(value: str | None) -> list[str]:
    return [c.strip() for c in value.split(",") if c.strip()] if value else []


@click.command("anonymize")
@click.argument("input_path", metavar="INPUT", required=False, type=click.Path(allow_dash=True))
@click.option("-o", "--output", default=STDIO, show_default=True, type=click.Path(allow_dash=True),
              help="Output file (.csv, .tsv, .jsonl, .parquet) or - for stdout. Written atomically.")
@text_input_options
@click.option("--columns", default=None,
              help="Comma-separated text columns to anonymise, besides --text-column (e.g. title,body).")
@click.option("--person-columns", default=None,
              help="Comma-separated columns whose whole value is a name (e.g. speaker); replaced by the same "
                   "placeholders the texts use.")
@by_option("Rows with the same value of this column (a client, a conversation) share placeholders, and a "
           "name found in any of them is replaced in all (a file is read twice; stdin once, so only later rows); "
           "by default each row is its own document. With --evaluate: the gold file's field naming groups "
           "[default: group].", dest="group_column", renamed="--group-column", single=True)
@click.option("--keep", default=None, metavar="TYPES",
              help="Comma-separated entity types to leave in place, e.g. AGE,DOB.")
@click.option("--mapping", "mapping_path", type=click.Path(dir_okay=False), default=None,
              help="Write placeholder -> original values to this .json or .csv file (owner-only permissions) so an "
                   "authorised person can reverse the pseudonyms. Keep it apart from the data.")
@click.option("--evaluate", "gold_path", type=click.Path(dir_okay=False), default=None,
              help="Instead of anonymising, score the detector on a labelled PII file (datasets/pii/pii_eval.jsonl).")
@click.option("--split", default=None, help="With --evaluate: score only the records of this split (dev or test).")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, allow_dash=True), default=None,
              help="With --evaluate: also write the figures as JSON (- for stdout).")
@output_format_option
@grammar_options
def anonymize_cmd(input_path, output, text_column, fmt, encoding, batch_size, columns, person_columns, group_column,
                  keep, mapping_path, gold_path, split, json_path, output_format, quiet):
    """Replace personal data in INPUT's text columns with typed placeholders.

    Names, e-mail addresses, phone numbers, URLs, handles, street addresses,
    postcodes, dates of birth, ages, ID numbers and IP addresses become
    [PERSON_1], [EMAIL_1], ... Numbers are consistent within a row, or within
    every row of a --by value, where the variants of one person's name (full
    name, first name, nickname, slip of spelling) share a number when no one
    else in the group fits them. Other columns pass through unchanged.
    Stderr shows counts per type, never the values. Rule-based: check a
    sample of the output before sharing it.

    \b
    Example:
      barriers anonymize datasets/barriers/samples/journal.csv -o journal_anon.csv --by client_id
      barriers anonymize datasets/barriers/samples/chat.csv -o chat_anon.csv --by conversation_id --person-columns speaker
      barriers anonymize --evaluate datasets/pii/pii_eval.jsonl
    """  # noqa: E501
    keep_types = parse_entity_types(keep)
    if gold_path is not None:
        if input_path is not None:
            raise click.UsageError("pass either INPUT or --evaluate FILE, not both")
        if json_path:
            output_target(json_path, what="--json output")
        report = evaluate_detector(gold_path, keep=keep_types, split=split, group_field=group_column or "group")
        click.echo(report.to_text(), err=json_path == STDIO)
        if json_path:
            write_output_text(json_path, report.to_json() + "\n", what="--json output")
        return
    if input_path is None:
        raise click.UsageError("missing INPUT (a file to anonymise) or --evaluate FILE")
    if json_path or split:
        raise click.UsageError("--json and --split go with --evaluate")
    if mapping_path is not None:
        output_target(mapping_path, what="--mapping file", private=True)
    text_columns = [text_column] + [c for c in _columns(columns) if c != text_column]
    anonymizer = Anonymizer(text_columns, group_column=group_column, keep=keep_types,
                            person_columns=_columns(person_columns), remember_originals=mapping_path is not None)
    source = input_fingerprint(input_path) if wants_sidecar(output) else None
    options = {"text_columns": text_columns, "person_columns": _columns(person_columns), "group_column": group_column,
               "keep": keep, "format": fmt, "encoding": encoding, "mapping_written": mapping_path is not None}
    rows = 0

    def open_frames():
        return read_table(input_path, fmt, batch_size=batch_size, encoding=encoding, allow_empty=True)

    with progress_bar("anonymize", quiet=quiet) as progress, TableWriter(output, output_format) as writer:
        step = Steps(progress, estimate_rows(input_path, fmt) if progress is not None else None)
        for chunk in anonymized_frames(open_frames, anonymizer, source=input_path, two_pass=input_path != STDIO):
            writer.write(chunk)
            rows += len(chunk)
            step(len(chunk))
        step.finish()
        record = None if source is None else provenance("anonymize", source=source, options=options, rows=rows)
        if record is not None:
            writer.metadata = parquet_metadata(record)
        if mapping_path is not None:
            write_mapping(mapping_path, anonymizer.mapping())
    if record is not None:
        write_sidecar(output, record)
    if not quiet:
        where = "" if output == STDIO else f" -> {output}"
        mapped = f"; mapping -> {mapping_path}" if mapping_path else ""
        click.echo(anonymizer.summary() + where + mapped, err=True)
