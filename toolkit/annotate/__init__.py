"""The annotation loop: sampling texts to label, agreement between annotators,
learning curves.

Modules: :mod:`~toolkit.annotate.agreement` (statistics),
:mod:`~toolkit.annotate.sheets` (comparing and merging
annotators' sheets), :mod:`~toolkit.annotate.codebook` (the codebook file
beside a sheet), :mod:`~toolkit.annotate.sampling` (which texts to label next)
and :mod:`~toolkit.annotate.curve` (macro-F1 against the number of labelled
texts). Reading annotation exports (Label Studio, doccano, sheets) is a
data format, not part of the loop: :mod:`toolkit.annotation_formats`.
The modules sit at different layers (see tests/unit/test_layers.py), so this
package imports none of them eagerly.
"""
