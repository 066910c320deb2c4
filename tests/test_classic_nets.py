"""The plain-torch classic networks in snippets/ have the published sizes.

Parameter counts are torchvision's (its model docs list them; MobileNetV1 is not
in torchvision: 4.2 M and 569 M multiply-adds in Howard et al., Table 8). The
multiply-adds are torchvision's "GFLOPS" column, which counts multiply-adds.
"""

import pytest
import torch

from snippets.classic_nets import NETWORKS, Bottleneck, Fire, count

PUBLISHED = {  # name: (parameters, giga multiply-adds rounded as published)
    "AlexNet": (61_100_840, 0.71),
    "VGG-16": (138_357_544, 15.47),
    "ResNet-50": (25_557_032, 4.09),
    "SqueezeNet": (1_248_424, 0.82),
    "MobileNetV1": (4_231_976, 0.569),
}


@pytest.mark.parametrize("name", PUBLISHED)
def test_published_size(name):
    params, macs = count(NETWORKS[name])
    assert params == PUBLISHED[name][0]
    digits = len(str(PUBLISHED[name][1]).split(".")[1])
    assert round(macs / 1e9, digits) == PUBLISHED[name][1]


@pytest.mark.parametrize("name", PUBLISHED)
def test_runs_on_real_data(name):
    torch.manual_seed(0)
    model = NETWORKS[name](num_classes=7).eval()
    with torch.no_grad():
        assert model(torch.randn(1, 3, 224, 224)).shape == (1, 7)


def test_blocks_keep_or_change_shape_as_documented():
    x = torch.randn(2, 64, 8, 8)
    assert Bottleneck(64, 64)(x).shape == (2, 256, 8, 8)
    assert Bottleneck(64, 32, stride=2)(x).shape == (2, 128, 4, 4)
    assert Fire(64, 16, 24, 40)(x).shape == (2, 64, 8, 8)
