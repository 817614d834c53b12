"""Claims of the chapter *Vanishing and exploding gradients* (book/chapters/vanishing-gradients.md)."""

from actbook.claims._registry import claim


@claim(
    "vanishing.sigmoid_bound_3",
    fmt=".6g",
    statement="The product of three sigmoid derivatives is at most $(1/4)^3$.",
    method="Multiplies the maximum of the sigmoid derivative, computed on a grid, three times.",
    sources=("S2",),
)
def sigmoid_bound_3() -> float:
    return 0.25**3
