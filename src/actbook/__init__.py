"""actbook: the numerical core of an executable textbook on activation functions.

Every number and figure in the book is computed by this package. The modules are
small and meant to be read as part of the lessons:

- :mod:`actbook.activations` -- activation functions, values and derivatives;
- :mod:`actbook.nn` -- layers (dense, activation, dropout, normalization), an MLP with
  backpropagation, losses, SGD and training;
- :mod:`actbook.init` -- weight initializers;
- :mod:`actbook.validation` -- the argument checks every public function uses;
- :mod:`actbook.data` -- small seeded data sets;
- :mod:`actbook.experiments` -- the experiments the chapters run;
- :mod:`actbook.plotting` -- the book's figure style;
- :mod:`actbook.claims` -- the registry of every number quoted in the prose;
- :mod:`actbook.sources` -- the register of every checkable statement of the five
  source articles, quoted and judged.
"""

__version__ = "0.1.0"
