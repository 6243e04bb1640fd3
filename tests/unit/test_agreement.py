"""Agreement statistics against hand computations, scikit-learn and the krippendorff package."""

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from toolkit.annotate.agreement import cohen_kappa, fleiss_kappa, krippendorff_alpha, percent_agreement


def test_cohen_kappa_by_hand():
    # 10 items: both 1 on 4, both 0 on 4, one each way on 2. p_o = 0.8; both mark half
    # the items, so p_e = 0.5*0.5 + 0.5*0.5 = 0.5 and kappa = (0.8 - 0.5) / 0.5 = 0.6.
    a = [1, 1, 1, 1, 1, 0, 0, 0, 0, 0]
    b = [1, 1, 1, 1, 0, 1, 0, 0, 0, 0]
    assert cohen_kappa(a, b) == pytest.approx(0.6)


def test_cohen_kappa_skips_missing_ratings_and_is_undefined_without_variation():
    assert cohen_kappa([1, 0, np.nan, 1], [1, 0, 1, np.nan]) == pytest.approx(1.0)
    assert np.isnan(cohen_kappa([0, 0, 0], [0, 0, 0]))


@pytest.mark.parametrize("seed", range(5))
def test_cohen_kappa_matches_scikit_learn(seed):
    rng = np.random.default_rng(seed)
    a = rng.integers(0, 2, 60)
    b = np.where(rng.random(60) < 0.8, a, 1 - a)
    assert cohen_kappa(a, b) == pytest.approx(cohen_kappa_score(a, b))


def test_fleiss_kappa_by_hand():
    # 4 items, 3 raters, counts of (0, 1). Per-item agreement P_i = (sum n_ij^2 - 3) / 6:
    # 1, 1, 1/3, 1 -> mean 5/6. Shares: 8/12 zeros, 4/12 ones -> P_e = 80/144 = 5/9.
    # kappa = (5/6 - 5/9) / (1 - 5/9) = 0.625.
    assert fleiss_kappa([[3, 0], [0, 3], [2, 1], [3, 0]]) == pytest.approx(0.625)


def test_fleiss_kappa_needs_equal_numbers_of_ratings():
    with pytest.raises(ValueError, match="same number"):
        fleiss_kappa([[2, 0], [1, 1], [3, 0]])


def test_krippendorff_alpha_by_hand():
    # Items (coders A, B, C): (1,1,1), (0,0,-), (1,0,1), (-,1,1). Coincidences, each item's
    # ordered pairs weighted 1/(m-1): o_00 = 2, o_11 = 3 + 1 + 2 = 6, o_01 = o_10 = 1.
    # n_0 = 3, n_1 = 7, n = 10; alpha = 1 - (n - 1) * (o_01 + o_10) / (2 * n_0 * n_1) = 1 - 9*2/42.
    ratings = [[1, 0, 1, np.nan], [1, 0, 0, 1], [1, np.nan, 1, 1]]
    assert krippendorff_alpha(ratings) == pytest.approx(1 - 18 / 42)


@pytest.mark.parametrize("seed", range(8))
def test_krippendorff_alpha_matches_the_krippendorff_package(seed):
    rng = np.random.default_rng(seed)
    coders, items = 2 + seed % 4, 40
    truth = rng.integers(0, 2, items)
    ratings = np.where(rng.random((coders, items)) < 0.85, truth, 1 - truth).astype(float)
    ratings[rng.random((coders, items)) < 0.15] = np.nan
    expected = krippendorff.alpha(reliability_data=ratings, level_of_measurement="nominal")
    assert krippendorff_alpha(ratings) == pytest.approx(expected)


def test_krippendorff_alpha_matches_the_package_for_more_than_two_values():
    ratings = np.array([[1, 2, 3, 3, 2, 1, 4, 1, 2, np.nan], [1, 2, 3, 3, 2, 2, 4, 1, 2, 5],
                        [np.nan, 3, 3, 3, 2, 3, 4, 2, 2, 5]])
    expected = krippendorff.alpha(reliability_data=ratings, level_of_measurement="nominal")
    assert krippendorff_alpha(ratings) == pytest.approx(expected)


def test_alpha_and_fleiss_agree_closely_without_missing_data():
    # With complete data alpha = kappa_Fleiss corrected by the factor n/(n-1) on expected disagreement.
    counts = np.array([[3, 0], [0, 3], [2, 1], [3, 0]])
    ratings = np.array([[0, 1, 0, 0], [0, 1, 0, 0], [0, 1, 1, 0]], dtype=float)
    n = counts.sum()
    kappa = fleiss_kappa(counts)
    assert krippendorff_alpha(ratings) == pytest.approx(1 - (1 - kappa) * (n - 1) / n)


def test_percent_agreement():
    # Two raters agree on 2 of the 3 items both rated.
    assert percent_agreement([[1, 0, 1, 0], [1, 0, 0, np.nan]]) == pytest.approx(2 / 3)
    # Three raters on one item, values (1, 1, 0): 1 agreeing pair of 3.
    assert percent_agreement([[1], [1], [0]]) == pytest.approx(1 / 3)
