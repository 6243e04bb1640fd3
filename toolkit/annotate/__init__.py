"""Researchers' own data: sampling texts to label, importing annotation exports,
agreement between annotators, learning curves.

Modules: :mod:`~toolkit.annotate.agreement` (statistics),
:mod:`~toolkit.annotate.importers` (Label Studio, doccano and the toolkit's
own sheets), :mod:`~toolkit.annotate.sheets` (comparing and merging
annotators' sheets), :mod:`~toolkit.annotate.codebook` (the codebook file
beside a sheet), :mod:`~toolkit.annotate.sampling` (which texts to label next)
and :mod:`~toolkit.annotate.curve` (macro-F1 against the number of labelled
texts). They sit at different layers (see tests/unit/test_layers.py), so this
package imports none of them eagerly.
"""
