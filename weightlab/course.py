"""The course: one table of its notebooks, in order.

``COURSE`` drives everything that lists the notebooks: which notebooks and sources must exist
(tests/test_notebooks_shape.py), the course table in README.md and in notebook 0 (both rendered by
``course_table``), and the exercise modules (``weightlab.exercises`` imports ``nbNN`` for every entry). Adding a
notebook is one row here plus its files: ``notebooks/src/NN_name.py``, the executed ``notebooks/NN_name.ipynb`` and
``weightlab/exercises/nbNN.py``.
"""
from dataclasses import dataclass

__all__ = ["COURSE", "Notebook", "course_table"]


@dataclass(frozen=True)
class Notebook:
    """One notebook of the course: ``number`` (0, 1, ...), ``file`` (``"03_scale.ipynb"``, in notebooks/), ``title``
    (``"Scale"``), the ``question`` it answers and what the learner ``sees`` on the way (one line each)."""
    number: int
    file: str
    title: str
    question: str
    sees: str

    @property
    def stem(self):
        """The file name without ``.ipynb``: also the name of its source, ``notebooks/src/{stem}.py``."""
        return self.file.removesuffix(".ipynb")

    @property
    def exercises(self):
        """The module of ``weightlab.exercises`` holding this notebook's exercises (``"nb03"``)."""
        return f"nb{self.number:02d}"


#: the notebooks in the order they are taught
COURSE = (
    Notebook(0, "00_start_here.ipynb", "Start here", "what is initialization, and how do I use the dashboards?",
             "one network from two starts, the Init Lab teaser"),
    Notebook(1, "01_why_random.ipynb", "Why random?", "why not start every run at the same place?",
             "restarts, seeds, stochastic search; convex vs non-convex"),
    Notebook(2, "02_symmetry.ipynb", "Symmetry", "what goes wrong with zeros or constants?",
             "a gradient inspector, step by step; logistic regression, which does not mind"),
    Notebook(3, "03_scale.ipynb", "Scale", "how big should the first weights be?",
             "the course experiment (zeros, randn ×10, He) in full, saturation, the inverted-U curve"),
    Notebook(4, "04_variance_through_depth.ipynb", "Variance through depth", "why LeCun, Xavier and He?",
             "Var(y) = n Var(w) Var(x); the variance forward and backward through 50 layers"),
    Notebook(5, "05_initializer_zoo.ipynb", "The initializer zoo", "what do Keras and PyTorch offer?",
             "every initializer, its formula and histogram"),
    Notebook(6, "06_init_lab.ipynb", "Init Lab", "everything at once", "the full playground (also a Voila app)"),
    Notebook(7, "07_beyond.ipynb", "Beyond", "what else keeps deep nets trainable?",
             "BatchNorm, depth-dependent init, edge of chaos, LSUV"),
    Notebook(8, "08_into_practice.ipynb", "Into practice", "what changes on real data, and in PyTorch and Keras?",
             "digits and softmax, normalized inputs, the initial-loss check, update ratios, batch norm trained, "
             "the frameworks' one-liners"),
)


def course_table(folder=""):
    """The course as a markdown table (a str): a row per notebook with its link, question and what one sees.

    ``folder`` is prefixed to each link: ``"notebooks/"`` from the repository's root (README.md), ``""`` from a
    notebook."""
    rows = ["| notebook | question | you will see |", "|---|---|---|"]
    rows += [f"| [{nb.number}. {nb.title}]({folder}{nb.file}) | {nb.question} | {nb.sees} |" for nb in COURSE]
    return "\n".join(rows)
