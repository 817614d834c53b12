"""S5: the statements of the article, in its order."""

from actbook.sources._register import Statement, register

_NOTE = "Ho letto qui il seguente:"
_ANSWER = "Risposte:"
_UPDATE = "Risposte: · Aggiorna"

register(
    # The question: the lecture note it quotes.
    Statement(
        id="S5.sigmoid-not-zero-centred",
        article="S5",
        location=_NOTE,
        quote="Le uscite Sigmoid non sono centrate sullo zero",
        claim="The sigmoid's outputs are not centred on zero.",
        verdict="confirmed",
        chapter="sigmoid-tanh",
        section="sec-sigmoid-tanh-probability",
        outline=("S5.1",),
    ),
    Statement(
        id="S5.next-layer-inputs-not-centred",
        article="S5",
        location=_NOTE,
        quote="livelli successivi di elaborazione in una rete neurale (ne parleremo presto) "
        "riceveranno dati che non sono centrati sullo zero",
        claim="The neurons of later layers receive inputs that are not centred on zero.",
        verdict="confirmed",
        chapter="sigmoid-tanh",
        section="sec-sigmoid-tanh-probability",
        outline=("S5.1",),
    ),
    Statement(
        id="S5.positive-inputs-same-sign-gradient",
        article="S5",
        location=_NOTE,
        quote="il gradiente sui pesi durante la backpropagazione diventerà tutti sono "
        "positivi o tutti negativi",
        claim="If every input of a neuron $f = w^\\top x + b$ is positive (the extraction "
        "mangled '$x > 0$ elementwise'), then, for each example, the gradients on its weights "
        "are all positive or all negative, following the sign of the gradient on $f$.",
        verdict="confirmed",
        chapter="sigmoid-tanh",
        claims=("sigmoid_tanh.sign_mix_example",),
        section="sec-sigmoid-tanh-probability",
        outline=("S5.1",),
    ),
    Statement(
        id="S5.zig-zag-dynamics",
        article="S5",
        location=_NOTE,
        quote="Ciò potrebbe introdurre dinamiche a zig-zag indesiderabili negli "
        "aggiornamenti del gradiente per i pesi",
        claim="Gradients that share one sign can make the weight updates zig-zag.",
        verdict="confirmed",
        claims=("zero_centred.sample_same_sign_positive",),
        section="sec-zero-centred-zigzag",
        chapter="zero-centred",
        outline=("S5.1",),
    ),
    Statement(
        id="S5.batch-mixes-signs",
        article="S5",
        location=_NOTE,
        quote="una volta sommati questi gradienti attraverso una serie di dati, "
        "l'aggiornamento finale per i pesi può avere segni variabili",
        claim="Once the per-example gradients are summed over a batch, the update of the "
        "weights can have components of different signs.",
        verdict="confirmed",
        chapter="sigmoid-tanh",
        claims=("sigmoid_tanh.sign_mix_batch",),
        section="sec-sigmoid-tanh-probability",
        outline=("S5.1",),
    ),
    Statement(
        id="S5.less-severe-than-saturation",
        article="S5",
        location=_NOTE,
        quote="questo è un inconveniente ma ha conseguenze meno gravi rispetto al problema "
        "di attivazione saturo sopra",
        claim="Non-zero-centred outputs are an inconvenience with less severe consequences "
        "than saturated activations.",
        # For the zero-centred chapter: the note gives no evidence. Summing over a batch
        # removes the sign restriction but not the slower convergence that a non-zero input
        # mean causes, while saturation shrinks a unit's gradient; measure both.
        verdict="imprecise",
        correction=(
            "In training speed the two were of the same order in a measured network: centring "
            "saved a factor of {claim}`zero_centred.centring_speedup` in epochs, large initial "
            "weights that saturate most units cost {claim}`zero_centred.large_weights_slowdown`. "
            "The large weights were worse for what the network learned, "
            "{claim}`zero_centred.large_weights_accuracy_loss` points of test accuracy, though "
            "the experiment does not separate saturation from the large weights as such; and "
            "saturation is as mild or severe as the weights make it, while the sigmoid's mean "
            "is always there."
        ),
        claims=(
            "zero_centred.centring_speedup",
            "zero_centred.large_weights_slowdown",
            "zero_centred.large_weights_accuracy_loss",
        ),
        section="sec-zero-centred-network",
        chapter="zero-centred",
        outline=("S5.1",),
    ),
    # The answer.
    Statement(
        id="S5.neuron-derivative-input",
        article="S5",
        location=_ANSWER,
        quote="dfdwi=xi",
        claim="For a neuron $f = \\sum_i w_i x_i + b$ (the extraction lost the summation sign "
        "and the fraction bars), the derivative of $f$ with respect to $w_i$ is $x_i$.",
        verdict="confirmed",
        chapter="vanishing-gradients",
        section="sec-vanishing-chain-rule",
        outline=("S5.2",),
    ),
    Statement(
        id="S5.chain-rule-weight-gradient",
        article="S5",
        location=_ANSWER,
        quote="dLdwi=dLdfdfdwi=dLdfxi",
        claim="By the chain rule, "
        "$\\partial L/\\partial w_i = \\partial L/\\partial f \\cdot \\partial f/\\partial w_i = \\partial L/\\partial f \\cdot x_i$ "
        "(fraction bars lost in extraction).",
        verdict="confirmed",
        chapter="vanishing-gradients",
        section="sec-vanishing-chain-rule",
        outline=("S5.2",),
    ),
    Statement(
        id="S5.gradient-shares-sign",
        article="S5",
        location=_ANSWER,
        quote="il gradiente ha sempre lo stesso segno di (tutto positivo o tutto negativo)",
        claim="Since every $x_i$ is positive, each $\\partial L/\\partial w_i$ has the sign of "
        "$\\partial L/\\partial f$, so the "
        "gradients on the weights of one example are all positive or all negative "
        "(the symbols were lost in extraction).",
        verdict="confirmed",
        chapter="sigmoid-tanh",
        claims=("sigmoid_tanh.sign_mix_example",),
        section="sec-sigmoid-tanh-probability",
        outline=("S5.2",),
    ),
    Statement(
        id="S5.two-weights-directions",
        article="S5",
        location=_UPDATE,
        quote="possiamo muoverci approssimativamente nella direzione nord-est o sud-ovest "
        "nello spazio dei parametri",
        claim="With two weights whose gradients always share one sign, an update can only "
        "move roughly north-east or south-west in the parameter plane.",
        verdict="confirmed",
        claims=("zero_centred.sample_same_sign_positive",),
        section="sec-zero-centred-sign",
        chapter="zero-centred",
        outline=("S5.2", "S5.4"),
    ),
    Statement(
        id="S5.target-needs-zig-zag",
        article="S5",
        location=_UPDATE,
        quote="Se il nostro obiettivo sembra essere nel nord-est, possiamo solo muoverci a "
        "zig-zag per arrivarci",
        claim="If the target lies to the north-east, such updates reach it only by "
        "zig-zagging, like parallel parking in a tight space (the English original was "
        "later corrected to north-west, the case the argument needs).",
        verdict="imprecise",
        correction=(
            "As written the target lies north-east, a direction the updates may take; the "
            "argument needs north-west, as the English original was later corrected. "
            "Single-example updates towards a north-east target still zig-zag after the first "
            "update, because what remains of the error lies along a forbidden direction; "
            "full-batch updates run straight but slowly."
        ),
        claims=(
            "zero_centred.north_east_first_distance",
            "zero_centred.north_west_first_distance",
            "zero_centred.north_east_reversals",
            "zero_centred.north_west_reversals",
        ),
        section="sec-zero-centred-zigzag",
        chapter="zero-centred",
        outline=("S5.2", "S5.4"),
    ),
    Statement(
        id="S5.one-sign-activations-hard",
        article="S5",
        location=_UPDATE,
        quote="funzioni di attivazione tutto positivo o tutto negativo (relu, sigmoid) "
        "possono essere difficili",
        claim="Activation functions whose outputs all have one sign, such as ReLU and the "
        "sigmoid, can therefore make gradient-based optimization hard.",
        verdict="imprecise",
        correction=(
            "Both give the next layer inputs of one sign (ReLU non-negative ones) and an "
            "ill-conditioned loss, the sigmoid far more: a unit fed by the network's width of "
            "them has condition number {claim}`zero_centred.kappa_sigmoid` for the sigmoid "
            "and {claim}`zero_centred.kappa_relu` for ReLU. In a measured network, centring "
            "the outputs sped up the sigmoid network but not the ReLU network "
            "({claim}`zero_centred.epochs_relu` epochs for ReLU, "
            "{claim}`zero_centred.epochs_centred_relu` centred)."
        ),
        claims=(
            "zero_centred.kappa_sigmoid",
            "zero_centred.kappa_relu",
            "zero_centred.centring_speedup",
            "zero_centred.epochs_relu",
            "zero_centred.epochs_centred_relu",
        ),
        section="sec-zero-centred-activations",
        chapter="zero-centred",
    ),
    Statement(
        id="S5.normalization-remedy",
        article="S5",
        location=_UPDATE,
        quote="possiamo normalizzare in anticipo i dati per essere centrati su zero come "
        "nella normalizzazione batch / layer",
        claim="Normalizing the data beforehand to zero mean, as batch or layer "
        "normalization does, solves the problem.",
        verdict="imprecise",
        chapter="batch-normalization",
        correction=(
            "Batch and layer normalization are layers inside the network, not a normalization "
            "of the data in advance, and they centre the inputs of the next layer only where "
            "they sit after the activation. Placed before a sigmoid, as is usual, they leave "
            "every input of the next layer positive, by construction, since sigmoid outputs are "
            "positive ({claim}`batchnorm.positive_before` of the training digits), against "
            "{claim}`batchnorm.positive_after_batch` with batch normalization after the sigmoid."
        ),
        claims=(
            "batchnorm.positive_before",
            "batchnorm.positive_after_batch",
            "batchnorm.positive_after_layer",
        ),
        section="sec-batch-normalization-inputs",
        outline=("S5.3",),
    ),
    Statement(
        id="S5.per-input-bias",
        article="S5",
        location=_UPDATE,
        quote="aggiungere un termine di bias per ogni input",
        claim="Another remedy: give every input its own bias, so that the layer computes "
        "$f = \\sum_i w_i (x_i + b_i)$.",
        verdict="wrong",
        correction=(
            "Learned, a bias per input does not solve the problem: $\\sum_i w_i b_i$ is one "
            "ordinary bias and the loss depends on the $b_i$ only through it. The biases mix "
            "the signs of the updates and may drift towards minus the mean of the inputs, but "
            "on the two-weight problem descent became slower, one example at a time and with "
            "the full batch. Fixed at minus the mean, it is the centring of the inputs, which "
            "works."
        ),
        claims=(
            "zero_centred.bias_batch_steps",
            "zero_centred.batch_steps_positive",
            "zero_centred.bias_sample_steps",
        ),
        section="sec-zero-centred-remedies",
        chapter="zero-centred",
        outline=("S5.3",),
    ),
    Statement(
        id="S5.per-input-bias-gradient",
        article="S5",
        location=_UPDATE,
        quote="il segno non dipenderà esclusivamente da",
        claim="With a bias per input the gradients are "
        "$\\partial L/\\partial w_i = \\partial L/\\partial f\\,(x_i + b_i)$ (the "
        "extraction lost the plus sign), so their signs no longer depend on "
        "$\\partial L/\\partial f$ alone.",
        verdict="confirmed",
        claims=("zero_centred.bias_sample_mixed",),
        section="sec-zero-centred-remedies",
        chapter="zero-centred",
        outline=("S5.3",),
    ),
    # The comments.
    Statement(
        id="S5.comment-transpose-jacobian",
        article="S5",
        location="chinmay",
        quote="il valore di dL / df non dovrebbe essere trasposto di x ie xT poiché "
        "useremmo l'idea di Jacobin qui",
        claim="A commenter asks whether $\\partial L/\\partial f$ should be the transpose of $x$, "
        "$x^\\top$, since a "
        "Jacobian is involved.",
        verdict="wrong",
        chapter="vanishing-gradients",
        section="sec-vanishing-chain-rule",
        correction="For one neuron both $L$ and $f$ are scalars, so $\\partial L/\\partial f$ is a "
        "scalar; the transpose belongs to $\\partial f/\\partial w$, and for a layer the weight "
        "gradient is the outer product of the error signal and $x^\\top$. The commenter later "
        "called it a typo for $\\partial f/\\partial w$.",
        outline=("S5.4",),
    ),
    Statement(
        id="S5.dl-df-independent-of-x",
        article="S5",
        location="dontloo",
        quote="il valore di dL / df non dipende da x",
        claim="The value of $\\partial L/\\partial f$ does not depend on $x$.",
        verdict="imprecise",
        chapter="vanishing-gradients",
        section="sec-vanishing-chain-rule",
        correction="$\\partial L/\\partial f$ depends on $x$ through $f$ (for a squared error it "
        "is twice the residual $f - y$); what holds, and what the argument needs, is that "
        "it is one number shared by every weight of the neuron, independent of the index $i$.",
        outline=("S5.4",),
    ),
    Statement(
        id="S5.dl-df-scalar",
        article="S5",
        location="dontloo",
        quote="dL / df dovrebbe anche essere uno scalare",
        claim="Since the loss and the neuron's output are scalars and $w$, $x$ are "
        "one-dimensional vectors, $\\partial L/\\partial f$ is a scalar.",
        verdict="confirmed",
        chapter="vanishing-gradients",
        section="sec-vanishing-chain-rule",
        outline=("S5.4",),
    ),
    Statement(
        id="S5.row-or-column-vector",
        article="S5",
        location="chinmay · Sì, è un grande errore di battitura…",
        quote="dipenda di più dal vettore xe se si tratta di un vettore di riga o di un "
        "vettore di colonna",
        claim="Whether df/dw is x or its transpose depends on whether x is taken as a row "
        "or a column vector.",
        verdict="convention",
        chapter="vanishing-gradients",
        section="sec-vanishing-chain-rule",
        correction="Writing df/dw as a row or a column is a layout convention; its "
        "components are x_i either way, so the sign argument does not depend on it.",
        outline=("S5.4",),
    ),
)
