"""The classic CNNs rebuilt in gallery/cnn/plot_classic_cnns.py have exactly the published sizes.

The script is run once (matplotlib's Agg backend, figures discarded) and its model builders are
measured again here, independently of the script's own table: parameters on the ``meta`` device,
multiply-adds with ``FlopCounterMode`` (which counts one multiply-add as 2 FLOPs, hence ``// 2``).
"""

import runpy
from unittest import mock

import matplotlib
import pytest
import torch
from torch.utils.flop_counter import FlopCounterMode

from tests.builtsite import ROOT

matplotlib.use("Agg")
import matplotlib.pyplot as plt

SCRIPT = ROOT / "gallery" / "cnn" / "plot_classic_cnns.py"

# name: (exact parameter count, published GMACs as printed (its precision is the tolerance) or None, source)
# tv = torchvision's weights metadata (num_params, _ops); _ops is GMACs at 224×224.
PUBLISHED = {
    "LeNet-5": (61_706, None, "layer-by-layer sum of the modern variant (full C3, linear output)"),
    "AlexNet": (61_100_840, "0.714", "tv AlexNet_Weights.IMAGENET1K_V1"),
    "VGG-16": (138_357_544, "15.47", "tv VGG16_Weights.IMAGENET1K_V1"),
    "ResNet-18": (11_689_512, "1.814", "tv ResNet18_Weights.IMAGENET1K_V1"),
    "ResNet-50": (25_557_032, "4.089", "tv ResNet50_Weights.IMAGENET1K_V1"),
    "DenseNet-121": (7_978_856, "2.834", "tv DenseNet121_Weights.IMAGENET1K_V1"),
    "GoogLeNet": (6_624_904, "1.498", "tv GoogLeNet_Weights.IMAGENET1K_V1 (no auxiliary heads)"),
    "MobileNet V1": (4_231_976, "0.569", "TF-Slim/Keras mobilenet_v1 1.0_224 trainable params; paper: 569M mult-adds"),
    "MobileNet V2": (3_504_872, "0.301", "tv MobileNet_V2_Weights.IMAGENET1K_V1"),
    "ShuffleNet V2 1×": (2_278_604, "0.145", "tv ShuffleNet_V2_X1_0_Weights.IMAGENET1K_V1"),
    "SqueezeNet 1.0": (1_248_424, "0.819", "tv SqueezeNet1_0_Weights.IMAGENET1K_V1"),
}
# the variants at the end of the script, checked against the papers
PAPER_VARIANTS = {
    "AlexNet 2012 (groups=2)": 60_965_224,  # "60 million parameters"; the exact sum of the paper's layers
    "LeNet-5 1998": 60_000,  # LeCun et al. 1998: "60,000 trainable parameters"
    "ResNet-50 v1 (stride in 1×1)": 25_557_032,  # moving the stride changes no parameter
}


@pytest.fixture(scope="module")
def script():
    with mock.patch.object(plt, "show"):
        namespace = runpy.run_path(str(SCRIPT))
    plt.close("all")
    return namespace


def measure(build, size, channels):
    with torch.device("meta"):
        model = build().eval()
        x = torch.empty(1, channels, size, size)
    params = sum(p.numel() for p in model.parameters())
    with FlopCounterMode(display=False) as counter:
        out = model(x)
    return params, counter.get_total_flops() // 2, tuple(out.shape)


def test_script_covers_the_published_models(script):
    assert list(script["MODELS"]) == list(PUBLISHED)


@pytest.mark.parametrize("name", PUBLISHED)
def test_parameter_count_is_the_published_one(script, name):
    build, size, channels = script["MODELS"][name]
    params, _, out_shape = measure(build, size, channels)
    expected, _, source = PUBLISHED[name]
    assert out_shape == (1, 10 if name == "LeNet-5" else 1000), f"{name}: output shape {out_shape}"
    assert params == expected, f"{name}: {params:,} parameters, published {expected:,} ({source})"


@pytest.mark.parametrize("name", [n for n, (_, gmacs, _) in PUBLISHED.items() if gmacs is not None])
def test_multiply_adds_agree_with_the_published_rounding(script, name):
    build, size, channels = script["MODELS"][name]
    _, macs, _ = measure(build, size, channels)
    _, published, source = PUBLISHED[name]
    tolerance = 0.5 * 10 ** -len(published.split(".")[1])  # half a unit of the last published digit
    assert abs(macs / 1e9 - float(published)) <= tolerance + 1e-12, (
        f"{name}: {macs / 1e9:.4f} GMACs at {size}×{size}, published {published} ({source})"
    )


@pytest.mark.parametrize("name", PAPER_VARIANTS)
def test_paper_variants(script, name):
    build, size, channels, _ = script["VARIANTS"][name]
    params, _, _ = measure(build, size, channels)
    assert params == PAPER_VARIANTS[name], f"{name}: {params:,} parameters, expected {PAPER_VARIANTS[name]:,}"


def test_resnet50_v1_matches_the_papers_multiply_adds(script):
    """He et al. 2015, Table 1: 3.8×10⁹ FLOPs (multiply-adds) for ResNet-50; the stride in 3×3 (v1.5) costs more."""
    build, size, channels, _ = script["VARIANTS"]["ResNet-50 v1 (stride in 1×1)"]
    _, macs, _ = measure(build, size, channels)
    assert 3.8e9 <= macs < 3.9e9, f"ResNet-50 v1: {macs / 1e9:.3f} GMACs, paper 3.8"


def test_builders_run_on_real_tensors(script):
    """The meta device checks shapes only: run the two smallest models on real numbers once."""
    torch.manual_seed(0)
    for name, shape in [("LeNet-5", (2, 1, 32, 32)), ("ShuffleNet V2 1×", (2, 3, 64, 64))]:
        out = script["MODELS"][name][0]().eval()(torch.randn(shape))
        assert out.shape[0] == 2 and torch.isfinite(out).all(), name
