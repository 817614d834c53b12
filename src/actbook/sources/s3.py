"""S3: the statements of the article, in its order."""

from actbook.sources._register import Statement, register

_ACT = "百面 深度神经网络中的激活函数"
_TRAIN = "百面 神经网络训练技巧"
_INTRO = f"{_ACT} · 线性模型是机器学习领域中最基本也是最重要的工具"
_Q1 = f"{_ACT} · 问题1"  # the questions themselves are lost in the extracted text
_Q2 = f"{_ACT} · 问题2"
_Q3 = f"{_ACT} · 问题3"
_TRAIN_INTRO = f"{_TRAIN} · 在大规模神经网络的训练过程中"
_T1 = f"{_TRAIN} · 问题1"
_T2 = f"{_TRAIN} · 问题2"
_T3 = f"{_TRAIN} · 问题3"
_BN_USE = f"{_T3} · 批标准化的使用方法"
_MEITUAN = "美团 激活函数"

register(
    # --- activation functions: the opening paragraph ---
    Statement(
        id="S3.linear-models-fit-reliably",
        article="S3",
        location=_INTRO,
        quote="以逻辑回归和线性回归为例,无论是通过闭解形式还是使用凸优化,它们都能高效且可靠地拟合数据",
        claim=(
            "Linear models such as logistic and linear regression fit data efficiently and "
            "reliably, in closed form or by convex optimization."
        ),
        verdict="confirmed",
        chapter="neuron-model",
        claims=("neuron_model.xor_lstsq_deviation",),
        section="sec-neuron-model-xor",
        outline=("S3.1",),
    ),
    Statement(
        id="S3.xor-needs-nonlinear-map",
        article="S3",
        location=_INTRO,
        quote="我们往往会遇到线性不可分的问题(如XOR异或函数),需要非线性变换对数据的分布进行重新映射",
        claim=(
            "Problems such as XOR are not linearly separable and need a nonlinear "
            "transformation that remaps the data."
        ),
        verdict="confirmed",
        chapter="neuron-model",
        claims=("neuron_model.xor_best_linear_correct", "neuron_model.xor_separable_labelings"),
        section="sec-neuron-model-xor",
        outline=("S3.1",),
    ),
    Statement(
        id="S3.stacked-linear-layers-collapse",
        article="S3",
        location=_INTRO,
        quote="以避免多层网络等效于单层线性函数",
        claim=(
            "A nonlinear activation after each linear layer keeps a multi-layer network "
            "from being equivalent to a single linear function."
        ),
        verdict="confirmed",
        chapter="neuron-model",
        claims=("neuron_model.collapse_max_difference",),
        section="sec-neuron-model-collapse",
        outline=("S3.1",),
    ),
    # --- question 1: formulas (images in the original; lost in the extracted text) ---
    Statement(
        id="S3.sigmoid-formula",
        article="S3",
        location=_Q1,
        quote="Sigmoid激活函数的形式为",
        claim=(
            r"The answer gives the sigmoid $f(z) = 1/(1 + e^{-z})$ and its derivative "
            r"$f'(z) = f(z)\,(1 - f(z))$; the formulas were images, lost in the extracted "
            "text, and these are the standard forms the question asks for."
        ),
        verdict="confirmed",
        chapter="sigmoid-tanh",
        claims=("sigmoid_tanh.sigmoid_derivative_fd_error",),
        section="sec-sigmoid-tanh-derivatives",
        outline=("S3.2",),
    ),
    Statement(
        id="S3.tanh-formula",
        article="S3",
        location=_Q1,
        quote="Tanh激活函数的形式为",
        claim=(
            r"The answer gives $f(z) = \tanh(z) = (e^{z} - e^{-z})/(e^{z} + e^{-z})$ and its "
            r"derivative $f'(z) = 1 - f(z)^2$; the formulas were images, lost in the "
            "extracted text, and these are the standard forms the question asks for."
        ),
        verdict="confirmed",
        chapter="sigmoid-tanh",
        claims=("sigmoid_tanh.tanh_derivative_fd_error",),
        section="sec-sigmoid-tanh-derivatives",
        outline=("S3.2",),
    ),
    Statement(
        id="S3.relu-formula",
        article="S3",
        location=_Q1,
        quote="ReLU激活函数的形式为",
        claim=(
            "The answer gives ReLU's formula and its derivative; both were images, lost in the "
            r"extracted text, but the answer writes the function out later as $f(z) = \max(0, z)$."
        ),
        verdict="confirmed",
        chapter="vanishing-gradients",
        section="sec-vanishing-relu",
        outline=("S3.2",),
    ),
    # --- question 2: saturation ---
    Statement(
        id="S3.sigmoid-range-limits",
        article="S3",
        location=_Q2,
        quote="它将输入z映射到区间(0,1),当z很大时,f(z)趋近于1;当z很小时,f(z)趋近于0",
        claim=(
            "The sigmoid maps its input to the open interval from zero to one, approaching "
            "one for large inputs and zero for very negative ones."
        ),
        verdict="confirmed",
        chapter="sigmoid-tanh",
        section="sec-sigmoid-tanh-definitions",
        outline=("S3.3",),
    ),
    Statement(
        id="S3.sigmoid-saturation-causes-vanishing",
        article="S3",
        location=_Q2,
        quote="其导数在z很大或很小时都会趋近于0,造成梯度消失的现象",
        claim=(
            "The sigmoid's derivative tends to zero for very large and very negative inputs, "
            "and this causes vanishing gradients."
        ),
        verdict="imprecise",
        chapter="vanishing-gradients",
        correction=(
            "The derivative does tend to zero at both ends, but a deep sigmoid network does "
            "not need saturation to lose its gradient: the derivative is at most a quarter "
            "even at zero, so with Xavier weights the gradient shrinks by a roughly constant "
            "factor per layer while hardly any unit saturates."
        ),
        claims=(
            "sigmoid_tanh.sigmoid_saturation_x",
            "vanishing.init_saturated_sigmoid_xavier",
            "vanishing.init_factor_sigmoid",
        ),
        section="sec-vanishing-measured",
        outline=("S3.3",),
    ),
    Statement(
        id="S3.tanh-range-limits",
        article="S3",
        location=_Q2,
        quote="当z很大时,f(z)趋近于1;当z很小时,f(z)趋近于-1",
        claim=("tanh approaches one for large inputs and minus one for very negative ones."),
        verdict="confirmed",
        chapter="sigmoid-tanh",
        section="sec-sigmoid-tanh-definitions",
        outline=("S3.3",),
    ),
    Statement(
        id="S3.tanh-saturation-causes-vanishing",
        article="S3",
        location=_Q2,
        quote="其导数在z很大或很小时都会趋近于0,同样会出现“梯度消失”",
        claim=(
            "The derivative of tanh also tends to zero for very large and very negative "
            "inputs, so tanh units too can make the gradient vanish."
        ),
        verdict="confirmed",
        chapter="vanishing-gradients",
        claims=("sigmoid_tanh.tanh_saturation_x",),
        section="sec-vanishing-measured",
        outline=("S3.3",),
    ),
    Statement(
        id="S3.tanh-translation-of-sigmoid",
        article="S3",
        location=_Q2,
        quote="实际上,Tanh激活函数相当于Sigmoid的平移",
        claim=(
            "tanh is a translation of the sigmoid; the formula that follows is lost in the "
            r"extracted text and is evidently $\tanh(z) = 2\sigma(2z) - 1$."
        ),
        verdict="imprecise",
        chapter="sigmoid-tanh",
        correction=(
            r"The identity $\tanh(z) = 2\sigma(2z) - 1$ is exact, but it is not a translation: "
            "the input is compressed and the output stretched by a factor of two before the "
            r"shift. No translation $\sigma(z - c) + d$ equals tanh: the best one still misses "
            "it by {claim}`sigmoid_tanh.tanh_translation_gap` somewhere."
        ),
        claims=("sigmoid_tanh.tanh_identity_error", "sigmoid_tanh.tanh_translation_gap"),
        section="sec-sigmoid-tanh-identity",
        outline=("S3.3",),
    ),
    # --- question 3: ReLU's advantages ---
    Statement(
        id="S3.exponential-cost",
        article="S3",
        location=f"{_Q3} · 优点",
        quote="Sigmoid和Tanh激活函数均需要计算指数,复杂度高,而ReLU只需要一个阈值即可得到激活值",
        claim=(
            "Sigmoid and tanh need an exponential and are computationally expensive, while "
            "ReLU needs only a threshold."
        ),
        verdict="imprecise",
        chapter="sigmoid-tanh",
        correction=(
            "An exponential does cost more than a threshold, but a constant factor per "
            "element, not a higher complexity: on the machine that built the book `np.exp` "
            "took {claim}`sigmoid_tanh.exp_cost_median` and `np.tanh` "
            "{claim}`sigmoid_tanh.tanh_cost_median` the time of ReLU on the same array. Inside "
            "a dense layer the matrix product dominates: the layer with the sigmoid took "
            "{claim}`sigmoid_tanh.layer_cost_median` and the layer with tanh "
            "{claim}`sigmoid_tanh.layer_tanh_cost_median` the time of the layer with ReLU."
        ),
        claims=(
            "sigmoid_tanh.exp_cost_median",
            "sigmoid_tanh.tanh_cost_median",
            "sigmoid_tanh.sigmoid_cost_median",
            "sigmoid_tanh.layer_cost_median",
            "sigmoid_tanh.layer_tanh_cost_median",
        ),
        section="sec-sigmoid-tanh-cost",
        outline=("S3.4",),
    ),
    Statement(
        id="S3.relu-non-saturating-solves-vanishing",
        article="S3",
        location=f"{_Q3} · 优点",
        quote="ReLU的非饱和性可以有效地解决梯度消失的问题,提供相对宽的激活边界",
        claim=(
            "Because ReLU does not saturate, it effectively solves the vanishing gradient problem."
        ),
        verdict="imprecise",
        chapter="vanishing-gradients",
        correction=(
            "ReLU does not saturate for positive inputs, so a path of active units passes the "
            "gradient with derivative factors of exactly one; but its derivative is zero for "
            "negative inputs and the weights still multiply: with He weights the gradient "
            "stays nearly level across layers, with standard normal weights it explodes. "
            "ReLU eases the problem; the initialization has to match."
        ),
        claims=("vanishing.init_ratio_relu", "vanishing.init_explode_relu_normal"),
        section="sec-vanishing-relu",
        outline=("S3.4",),
    ),
    Statement(
        id="S3.relu-sparse-representation",
        article="S3",
        location=f"{_Q3} · 优点",
        quote="ReLU的单侧抑制提供了网络的稀疏表达能力",
        claim=(
            "ReLU's one-sided suppression, a zero output for every negative input, gives the "
            "network sparse representations with a lower activation rate."
        ),
        verdict="imprecise",
        chapter="relu-family",
        section="sec-relu-family-sparsity",
        claims=(
            "relu_family.relu_zero_init_1",
            "relu_family.relu_active_trained_1",
            "relu_family.sigmoid_above_half_trained_1",
            "relu_family.sigmoid_exact_zeros",
        ),
        correction=(
            "ReLU gives exact zeros, about half of the outputs at initialization, which a "
            "sigmoid unit never does; a lower activation rate does not follow. Trained on the "
            "digits, the first ReLU layer had {claim}`relu_family.relu_active_trained_1` of its "
            "outputs nonzero, the first sigmoid layer "
            "{claim}`relu_family.sigmoid_above_half_trained_1` above one half."
        ),
        outline=("S3.4",),
    ),
    Statement(
        id="S3.brain-active-fraction",
        article="S3",
        location=f"{_Q3} · 关于稀疏性的解释",
        quote="大脑在工作的时候只有大约5%的神经元是激活的",
        claim="Studies of the brain found only about one in twenty neurons active at work.",
        verdict="imprecise",
        chapter="relu-family",
        section="sec-relu-family-sparsity",
        claims=(
            "relu_family.attwell_active_bound",
            "relu_family.lennie_active_bound",
            "relu_family.glorot_brain_low",
            "relu_family.glorot_brain_high",
        ),
        correction=(
            "Such figures come from energy budgets, not from observing a working brain, and "
            "they are bounds: at most {claim}`relu_family.attwell_active_bound` of neurons "
            "active at the same time {cite:p}`attwell2001energy`, possibly fewer than "
            "{claim}`relu_family.lennie_active_bound` {cite:p}`lennie2003cost`, or "
            "{claim}`relu_family.glorot_brain_low` to {claim}`relu_family.glorot_brain_high` as "
            "{cite:t}`glorot2011deep` quote Lennie. S3's figure is none of them: it is above "
            "Lennie's bound and the range Glorot et al. quote, and below Attwell and Laughlin's."
        ),
        outline=("S3.4",),
    ),
    Statement(
        id="S3.sigmoid-network-active-fraction",
        article="S3",
        location=f"{_Q3} · 关于稀疏性的解释",
        quote="采用sigmoid激活函数的人工神经网络,其激活率大约是50%",
        claim="About half of the units of a sigmoid network are active.",
        verdict="imprecise",
        chapter="relu-family",
        section="sec-relu-family-sparsity",
        claims=(
            "relu_family.sigmoid_above_half_init_1",
            "relu_family.sigmoid_mean_init_1",
            "relu_family.sigmoid_above_half_trained_1",
            "relu_family.sigmoid_above_half_trained_2",
        ),
        correction=(
            "It depends on what active means and on the training. Before training about half "
            "of the outputs of a sigmoid layer are above one half and its mean output is near "
            "one half ({claim}`relu_family.sigmoid_above_half_init_1` and "
            "{claim}`relu_family.sigmoid_mean_init_1` on the digits); after training the "
            "shares above one half were {claim}`relu_family.sigmoid_above_half_trained_1` and "
            "{claim}`relu_family.sigmoid_above_half_trained_2`."
        ),
        outline=("S3.4",),
    ),
    Statement(
        id="S3.ideal-activation-rate",
        article="S3",
        location=f"{_Q3} · 关于稀疏性的解释",
        quote="有论文声称人工神经网络在15%-30%的激活率时是比较理想的",
        claim=(
            "A paper claims that an activation rate between fifteen and thirty percent is "
            "fairly ideal for artificial neural networks."
        ),
        verdict="unsupported",
        chapter="relu-family",
        section="sec-relu-family-sparsity",
        claims=(
            "relu_family.glorot_active_min",
            "relu_family.glorot_active_max",
            "relu_family.glorot_harmless_sparsity",
        ),
        correction=(
            "S3 names no paper, and we found none that calls a rate ideal. The closest numbers, "
            "{claim}`relu_family.glorot_active_min` to {claim}`relu_family.glorot_active_max` "
            "nonzero hidden outputs in the rectifier networks of {cite:t}`glorot2011deep`, are "
            "the rates their networks reached; in their experiment more sparsity cost no "
            "accuracy until about {claim}`relu_family.glorot_harmless_sparsity` exact zeros, a "
            "limit, not an optimum."
        ),
        outline=("S3.4",),
    ),
    # --- question 3: ReLU's limitation and its variants ---
    Statement(
        id="S3.relu-zeroes-negative-gradients",
        article="S3",
        location=f"{_Q3} · 局限性",
        quote="这是由于函数f(z)=max(0,z)导致负梯度在经过该ReLU单元时被置为0",
        claim=(
            "Units die because $\\max(0, z)$ sets the gradient for negative inputs (the phrase "
            "is ambiguous: literally, the negative gradient) to zero as it passes through a "
            "ReLU unit."
        ),
        verdict="confirmed",
        chapter="relu-family",
        section="sec-relu-family-dying",
        claims=("relu_family.zeroed_positive_share", "relu_family.negative_passed_share"),
        outline=("S3.5",),
    ),
    Statement(
        id="S3.dead-relu-zero-gradient",
        article="S3",
        location=f"{_Q3} · 局限性",
        quote="即流经该神经元的梯度永远为0,不对任何数据产生响应",
        claim=(
            "ReLU units can die in training: once no input activates a unit, the gradient "
            "through it is zero forever and it responds to no data."
        ),
        verdict="imprecise",
        chapter="relu-family",
        section="sec-relu-family-dying",
        claims=(
            "relu_family.revived_1",
            "relu_family.ever_dead_1",
            "relu_family.revived_2",
            "relu_family.ever_dead_2",
        ),
        correction=(
            "Forever holds for a unit of the first hidden layer under plain gradient descent, "
            "whose inputs are the fixed data ({claim}`relu_family.revived_1` of "
            "{claim}`relu_family.ever_dead_1` came back on the digits). A unit of a later layer "
            "gets no gradient while dead, but the layers below it keep changing, and it can come "
            "back: {claim}`relu_family.revived_2` of {claim}`relu_family.ever_dead_2` did."
        ),
        outline=("S3.5",),
    ),
    Statement(
        id="S3.large-learning-rate-kills-units",
        article="S3",
        location=f"{_Q3} · 局限性",
        quote="如果学习率设置较大,会导致超过一定比例的神经元不可逆死亡,进而参数梯度无法更新,整个训练过程失败",
        claim=(
            "A large learning rate can kill a sizeable share of the units irreversibly, so "
            "that their parameters stop updating and training fails."
        ),
        verdict="imprecise",
        chapter="relu-family",
        section="sec-relu-family-dying",
        claims=(
            "relu_family.accuracy_rate_3",
            "relu_family.dead_end_1_rate_3",
            "relu_family.dead_end_2_rate_3",
            "relu_family.dead_end_1_rate_1",
            "relu_family.revived_1",
            "relu_family.revived_2_top_rate",
            "relu_family.ever_dead_2_top_rate",
            "relu_family.whole_layer_dead_runs",
        ),
        correction=(
            "Large rates kill most units and training fails: at the rate "
            "{claim}`relu_family.rate_3` every digits network ended at the accuracy of "
            "guessing, {claim}`relu_family.accuracy_rate_3`. But only the deaths in the first "
            "hidden layer are irreversible ({claim}`relu_family.revived_1` units came back). "
            "In the second layer {claim}`relu_family.revived_2_top_rate` of "
            "{claim}`relu_family.ever_dead_2_top_rate` dead units came back at that rate; its "
            "deaths became final only where the whole layer died, in "
            "{claim}`relu_family.whole_layer_dead_runs` of {claim}`relu_family.seed_count` runs."
        ),
        outline=("S3.5",),
    ),
    Statement(
        id="S3.leaky-relu-small-slope",
        article="S3",
        location=f"{_Q3} · 局限性",
        quote="一般a是一个很小的正常数,这样即实现了单侧抑制,又保留了部分负梯度信息以致不完全丢失",
        claim=(
            "Leaky ReLU gives negative inputs a small positive slope a, keeping one-sided "
            "suppression while still passing part of the gradient for negative inputs (the "
            'phrase is literally "negative gradient", read as the gradient on the negative '
            "half-axis)."
        ),
        verdict="imprecise",
        correction=(
            "The mechanism is right: a unit with a negative input passes back the fraction "
            "$a$ of its gradient. The slope is very small in Maas et al.'s leaky ReLU and in "
            "PyTorch ({claim}`relu_variants.maas_slope`), but TensorFlow and Keras default "
            "to {claim}`relu_variants.tensorflow_leaky_slope` and "
            "{claim}`relu_variants.keras_leaky_slope`, and no count of practice says which "
            "is usual."
        ),
        claims=(
            "relu_variants.maas_slope",
            "relu_variants.tensorflow_leaky_slope",
            "relu_variants.keras_leaky_slope",
        ),
        section="sec-relu-family-leaky",
        chapter="relu-family",
        outline=("S3.6",),
    ),
    Statement(
        id="S3.leaky-slope-choice",
        article="S3",
        location=f"{_Q3} · 局限性",
        quote="a值的选择增加了问题难度,需要较强的人工先验或多次重复训练以确定合适的参数值",
        claim=(
            "Choosing the slope a makes the problem harder: it needs strong priors or "
            "repeated training runs."
        ),
        verdict="confirmed",
        claims=("relu_variants.slope_setting_range", "relu_variants.seed_range_typical"),
        section="sec-relu-family-rrelu",
        chapter="relu-family",
        outline=("S3.6",),
    ),
    Statement(
        id="S3.prelu-learned-slope",
        article="S3",
        location=f"{_Q3} · 局限性",
        quote="将负轴部分斜率a作为网络中一个可学习的参数,进行反向传播训练,与其他含参数网络层联合优化",
        claim=(
            "PReLU makes the negative slope a learnable parameter, trained by "
            "backpropagation jointly with the other layers' parameters."
        ),
        verdict="confirmed",
        claims=("relu_variants.prelu_gradient_error", "relu_variants.prelu_initial_slope"),
        section="sec-relu-family-prelu",
        chapter="relu-family",
        outline=("S3.6",),
    ),
    Statement(
        id="S3.random-relu-sampled-slope",
        article="S3",
        location=f"{_Q3} · 局限性",
        quote="斜率a作为一个满足某种分布的随机采样,测试时再固定下来",
        claim=(
            "Random ReLU samples the negative slope from a distribution during training and "
            "fixes it at test time."
        ),
        verdict="confirmed",
        claims=("relu_variants.xu_test_slope", "relu_variants.xu_mean_slope"),
        section="sec-relu-family-rrelu",
        chapter="relu-family",
        outline=("S3.6",),
    ),
    Statement(
        id="S3.random-relu-regularizes",
        article="S3",
        location=f"{_Q3} · 局限性",
        quote="Random ReLU在一定程度上能起到正则化的作用",
        claim="Random ReLU acts, to some extent, as a regularizer.",
        verdict="confirmed",
        claims=(
            "relu_variants.gap_difference_mean",
            "relu_variants.gap_difference_sd",
            "relu_variants.gap_rrelu",
            "relu_variants.gap_leaky_test_slope",
        ),
        section="sec-relu-family-rrelu",
        chapter="relu-family",
        outline=("S3.6",),
    ),
    # --- training tricks: the opening paragraph ---
    Statement(
        id="S3.dropout-most-efficient-ensemble",
        article="S3",
        location=_TRAIN_INTRO,
        quote="其中Dropout是模型集成方法中最高效与常用的技巧",
        claim=(
            "Among the model-ensemble methods against overfitting, dropout is the most "
            "efficient and the most widely used."
        ),
        verdict="unsupported",
        correction=(
            "S3's cost argument (bagging trains and tests several models, costly for large "
            "networks) holds against explicit ensembles: a dropout network typically takes "
            "{claim}`dropout.srivastava_slowdown_low` to "
            "{claim}`dropout.srivastava_slowdown_high` times longer to train than one plain "
            "network {cite:p}`srivastava2014dropout`, less than an ensemble of three or more. "
            "Unsupported is the superlative: S3 compares dropout with no other ensemble "
            'method; "most widely used" is plausible but not shown.'
        ),
        chapter="dropout",
        claims=("dropout.srivastava_slowdown_low", "dropout.srivastava_slowdown_high"),
        section="sec-dropout-ensemble",
    ),
    Statement(
        id="S3.batch-norm-hyperparameters",
        article="S3",
        location=_TRAIN_INTRO,
        quote="批量归一化(Batch Normalization,BN)方法有效规避了这些复杂参数对网络训练产生的影响",
        claim=(
            "Batch normalization removes the influence of hand-tuned hyperparameters such as "
            "the learning rate, the weight decay and the dropout rate on training, while "
            "speeding up convergence and improving generalization."
        ),
        verdict="imprecise",
        chapter="batch-normalization",
        correction=(
            "Batch normalization makes training less sensitive to the scale of the weights and "
            "lets a deep sigmoid network train at a learning rate where it did not train "
            "before, but it does not remove the hand-tuned hyperparameters: the learning rate "
            "still matters, and batch normalization adds its own, the batch size first. On the "
            "digits, the same network reached a held-out accuracy of "
            "{claim}`batchnorm.batch_batch_4` in mini-batches of "
            "{claim}`batchnorm.batch_size_smallest` and {claim}`batchnorm.batch_batch_16` in "
            "mini-batches of {claim}`batchnorm.batch_size_second`."
        ),
        claims=(
            "batchnorm.accuracy_sigmoid_batch",
            "batchnorm.batch_batch_4",
            "batchnorm.batch_batch_16",
            "batchnorm.accuracy_relu_none",
            "batchnorm.accuracy_relu_batch",
        ),
        section="sec-batch-normalization-batch-size",
    ),
    # --- training tricks, question 1: initialization ---
    Statement(
        id="S3.equal-init-symmetry",
        article="S3",
        location=_T1,
        quote="学习过程将永远无法打破这种对称性,最终同一网络层中各个参数任然是相同的",
        claim=(
            "If all parameters start at the same value, the units of a fully connected layer "
            "compute the same values forwards and backwards, learning never breaks the "
            "symmetry, and their parameters stay equal."
        ),
        verdict="confirmed",
        chapter="initialization",
        claims=(
            "initialization.equal_distinct_units",
            "initialization.zero_largest_weight_change",
        ),
        section="sec-initialization-symmetry",
        outline=("S3.7",),
    ),
    Statement(
        id="S3.uniform-fan-in-init",
        article="S3",
        location=_T1,
        quote="的均匀分布,其中d是一个神经元接受的输入维度",
        claim=(
            "Weights can be drawn from a uniform distribution whose range is set by the "
            r"fan-in $d$, presumably $(-1/\sqrt{d}, 1/\sqrt{d})$ (the range is lost in the "
            "extracted text)."
        ),
        verdict="imprecise",
        chapter="initialization",
        correction=(
            "Such weights break the symmetry, which is what S3 offers the rule for, but S3 "
            "gives no argument for its scale, in an answer about deep networks: the rule has a "
            "third of LeCun's variance, so in a deep tanh network the activations shrink by "
            r"about $1/\sqrt{3}$ per layer ({claim}`initialization.standard_tanh_measured_factor` "
            "measured), and a deep tanh network on the digits started this way learned more "
            "slowly than with Xavier's variance under the same, untuned, learning rate."
        ),
        claims=(
            "initialization.standard_tanh_measured_factor",
            "initialization.learn_standard_mean",
            "initialization.learn_xavier_mean",
        ),
        section="sec-initialization-uniform",
        outline=("S3.7",),
    ),
    Statement(
        id="S3.zero-bias-init",
        article="S3",
        location=_T1,
        quote="偏置可以被简单地设为0,并不会导致参数对称的问题",
        claim="Biases can simply start at zero without causing the symmetry problem.",
        verdict="confirmed",
        chapter="initialization",
        claims=("initialization.random_distinct_units",),
        section="sec-initialization-symmetry",
        outline=("S3.7",),
    ),
    # --- training tricks, question 2: dropout ---
    Statement(
        id="S3.dropout-per-mini-batch",
        article="S3",
        location=_T2,
        quote="Dropout作用于每份小批量训练数据,由于其随机丢弃部分神经元的机制,相当于每次迭代都在训练不同结构的神经网络",
        claim=(
            "Dropout acts on every mini-batch of training data; because of its mechanism of "
            "randomly dropping units, it amounts to training a network of a different "
            "structure at every iteration."
        ),
        verdict="imprecise",
        correction=(
            "S3 implies one mask per mini-batch (a network of a different structure at each "
            "iteration, an operation at the level of the mini-batch), but the usual "
            "implementation draws one per example: one mini-batch of "
            "{claim}`dropout.batch_size` digits drew {claim}`dropout.distinct_masks` "
            "distinct masks, so one iteration trains as many sub-networks as the batch has "
            "examples, each contributing a share of one averaged step. Batchwise dropout "
            "exists but is the exception."
        ),
        chapter="dropout",
        claims=("dropout.distinct_masks", "dropout.batch_size"),
        section="sec-dropout-mechanism",
        outline=("S3.8",),
    ),
    Statement(
        id="S3.dropout-bagging-approximation",
        article="S3",
        location=_T2,
        quote="Dropout在小批量级别上的操作,提供了一种轻量级的Bagging集成近似,能够实现指数级数量神经网络的训练与评测",
        claim=(
            "Operating at the level of mini-batches, dropout provides a lightweight "
            "approximation of bagging that makes it possible to train and evaluate an "
            "exponential number of networks."
        ),
        verdict="imprecise",
        correction=(
            "The phrasing follows Goodfellow et al., for whom dropout is an "
            "inexpensive approximation to training and evaluating such an ensemble "
            '{cite:p}`goodfellow2016deep`. The loose point is "trains and evaluates", '
            "stated as achieved: training visits a vanishing fraction of the sub-networks "
            "({claim}`dropout.masks_drawn` masks out of a number with "
            "{claim}`dropout.log10_subnetworks` digits), each with a share of one step on "
            "one example, and none is evaluated at test time: one rescaled pass "
            "approximates their geometric mean."
        ),
        chapter="dropout",
        claims=("dropout.masks_drawn", "dropout.log10_subnetworks"),
        section="sec-dropout-ensemble",
        outline=("S3.8",),
    ),
    Statement(
        id="S3.dropout-drop-probability",
        article="S3",
        location=_T2,
        quote="要求某个神经元节点激活值以一定的概率p被丢弃",
        claim="Each unit's activation is dropped with probability p.",
        verdict="convention",
        correction=(
            "Here p is the probability of dropping a unit, as in PyTorch and Keras; "
            "Srivastava et al. write p for the probability of keeping it "
            "{cite:p}`srivastava2014dropout`, and S3 itself switches to that reading for "
            "the scaling at test time."
        ),
        chapter="dropout",
        section="sec-dropout-mechanism",
        outline=("S3.8",),
    ),
    Statement(
        id="S3.dropout-ensemble-size",
        article="S3",
        location=_T2,
        quote="对于包含N个神经元节点的网络,在Dropout的作用下可看作为2^N 个模型的集成",
        claim=(
            "Under dropout, a network with N units can be seen as an ensemble of two to the "
            "power N models, sub-networks of the original that share part of the weights "
            "and have the same number of layers, with the total number of parameters "
            "unchanged."
        ),
        verdict="imprecise",
        correction=(
            "The count and the weight sharing follow the introduction of Srivastava et al. "
            "{cite:p}`srivastava2014dropout`. The count is right when N is the number of "
            "units that can be dropped: the hidden units, {claim}`dropout.droppable_units` "
            "in the network of the chapter, plus the inputs only if they are dropped too; "
            "output units are never dropped. Masks that drop a whole hidden layer break "
            '"the same number of layers".'
        ),
        chapter="dropout",
        claims=("dropout.droppable_units", "dropout.droppable_units_inputs"),
        section="sec-dropout-ensemble",
        outline=("S3.8",),
    ),
    Statement(
        id="S3.dropout-co-adaptation",
        article="S3",
        location=_T2,
        quote="这个过程会减弱全体神经元之间的联合适应性,减小过拟合风险,增强泛化能力",
        claim=(
            "Training each unit with a random set of other units weakens their co-adaptation, "
            "reduces overfitting and improves generalization."
        ),
        verdict="imprecise",
        correction=(
            "On a small subset of the digits moderate dropout did raise the best validation "
            "accuracy, from {claim}`dropout.best_val_0` to {claim}`dropout.best_val_2`, but "
            "a large drop probability made it worse ({claim}`dropout.best_val_3`), and the "
            "weaker co-adaptation is the motivating hypothesis of Hinton et al., not a "
            "measured cause."
        ),
        chapter="dropout",
        claims=("dropout.best_val_0", "dropout.best_val_2", "dropout.best_val_3"),
        section="sec-dropout-overfitting",
        outline=("S3.8",),
    ),
    Statement(
        id="S3.dropout-bernoulli-mask",
        article="S3",
        location=_T2,
        quote="Bernoulli函数的作用是以概率系数p随机生成一个取值为0或1的向量",
        claim=(
            "In the forward pass a Bernoulli function with the probability coefficient p "
            "draws a random vector of zeros and ones that says whether each unit is dropped."
        ),
        verdict="convention",
        correction=(
            "The per-example Bernoulli mask is right. The extracted text does not say "
            "whether p is the probability of a one or of a zero; if the lost formula is "
            "Srivastava et al.'s, p is there the keep probability, against S3's own "
            "definition as the drop probability. That is the question of convention judged "
            "in S3.dropout-drop-probability and S3.dropout-test-scaling, not a further error."
        ),
        chapter="dropout",
        claims=("dropout.distinct_masks",),
        section="sec-dropout-mechanism",
        outline=("S3.8",),
    ),
    Statement(
        id="S3.dropout-no-gradient",
        article="S3",
        location=_T2,
        quote="如果取值为0,则该神经元将不会计算梯度或参与后面的误差传播",
        claim="A dropped unit computes no gradient and takes no part in backpropagation.",
        verdict="confirmed",
        chapter="dropout",
        claims=("dropout.max_dropped_delta",),
        section="sec-dropout-gradient",
        outline=("S3.8",),
    ),
    Statement(
        id="S3.dropout-test-scaling",
        article="S3",
        location=_T2,
        quote="每个神经元的参数要预先乘以概率系数p",
        claim=(
            "At test time each unit's weights are multiplied in advance by the coefficient p, "
            "to account for the unit having taken part in training only with probability p."
        ),
        verdict="imprecise",
        correction=(
            "The rule is that of Srivastava et al., where p is the keep probability. If p is "
            "the drop probability, as S3 stated earlier, the factor must be $1 - p$: with "
            "p = {claim}`dropout.moment_p` a unit of value one has the mean training output "
            "{claim}`dropout.scaled_mean`. Most frameworks instead use inverted dropout, "
            "which divides by the keep probability in training and scales nothing at test "
            "time."
        ),
        chapter="dropout",
        claims=("dropout.moment_p", "dropout.scaled_mean"),
        section="sec-dropout-scaling",
        outline=("S3.8",),
    ),
    # --- training tricks, question 3: batch normalization ---
    Statement(
        id="S3.normalize-inputs-before-training",
        article="S3",
        location=_T3,
        quote="如果训练数据与测试数据的分布不同将大大降低网络的泛化能力,因此我们需要在训练开始前对所有输入数据进行归一化处理",
        claim=(
            "A difference between the training and test distributions hurts generalization "
            "badly, so all input data must be normalized before training."
        ),
        verdict="imprecise",
        chapter="batch-normalization",
        correction=(
            "Right practice, wrong reason. Normalizing the inputs, with the statistics of the "
            "training set applied to every set, is standard {cite:p}`lecun1998efficient`, but it "
            "conditions the optimization; it does not remove a difference between the training "
            "and the test distributions. On the digits, a change of contrast of the test images "
            "cut the accuracy of logistic regression on standardized pixels from "
            "{claim}`batchnorm.shift_clean_train` to {claim}`batchnorm.shift_contrast_train`, "
            "and that of the raw-pixel baseline to {claim}`batchnorm.shift_contrast_raw`."
        ),
        claims=(
            "batchnorm.shift_clean_train",
            "batchnorm.shift_contrast_train",
            "batchnorm.shift_contrast_raw",
            "batchnorm.shift_translated_train",
        ),
        section="sec-batch-normalization-inputs",
        outline=("S3.9",),
    ),
    Statement(
        id="S3.internal-covariate-shift",
        article="S3",
        location=_T3,
        quote="每个隐层的参数变化使得后一层的输入发生变化,从而每一批训练数据的分布也随之改变",
        claim=(
            "As training proceeds, the changing parameters of each hidden layer change the "
            "distribution of the next layer's inputs, which makes training harder and raises "
            "the risk of overfitting."
        ),
        verdict="unsupported",
        chapter="batch-normalization",
        correction=(
            "The inputs of each layer do change as the earlier layers learn. That this shift is "
            "what makes training hard, and that removing it is why batch normalization helps, "
            "is the hypothesis of {cite:t}`ioffe2015batch`, which {cite:t}`santurkar2018how` "
            "contest: networks trained as well with a shift injected after every normalization, "
            "and batch normalization made the loss smoother. The added risk of overfitting is "
            "asserted without evidence."
        ),
        section="sec-batch-normalization-motivation",
        outline=("S3.9",),
    ),
    Statement(
        id="S3.batch-norm-standardizes",
        article="S3",
        location=_T3,
        quote="在网络的每一层输入之前增加归一化处理(均值Wie0,标准差为1)",
        claim=(
            "Batch normalization standardizes each input of every layer over the mini-batch "
            "to mean zero and standard deviation one (the extraction garbles the mean)."
        ),
        verdict="confirmed",
        chapter="batch-normalization",
        claims=("batchnorm.standardized_mean_max", "batchnorm.standardized_std_gap"),
        section="sec-batch-normalization-transform",
        outline=("S3.9",),
    ),
    Statement(
        id="S3.batch-norm-generalization",
        article="S3",
        location=_T3,
        quote="对数据的分布进行额外的约束,从而增强模型的泛化能力",
        claim=(
            "Batch normalization, a new layer between the layers, puts an extra constraint on "
            "the distribution of the data and thereby improves the model's generalization."
        ),
        verdict="imprecise",
        chapter="batch-normalization",
        correction=(
            "Batch normalization can regularize, but through the noise of the batch statistics, "
            "which makes each example's output depend on the others in its batch "
            "{cite:p}`ioffe2015batch`, not through a constraint on the distribution, and the "
            "gain is not general. On the digits it raised the held-out accuracy of a deep ReLU "
            "network from {claim}`batchnorm.accuracy_relu_none` to "
            "{claim}`batchnorm.accuracy_relu_batch`, about the test set's sampling noise of "
            "{claim}`batchnorm.test_standard_error`."
        ),
        claims=(
            "batchnorm.accuracy_relu_none",
            "batchnorm.accuracy_relu_batch",
            "batchnorm.test_standard_error",
        ),
        section="sec-batch-normalization-digits",
        outline=("S3.9",),
    ),
    Statement(
        id="S3.batch-norm-sigmoid-linear-region",
        article="S3",
        location=_T3,
        quote="以Sigmoid激活函数为例,批量归一化之后数据整体处于函数的非饱和区域,只包含线性变换",
        claim=(
            "Normalization lowers the model's fitting power: with a sigmoid, normalized "
            "inputs sit in the non-saturated region, where the unit is only a linear map."
        ),
        verdict="imprecise",
        chapter="batch-normalization",
        correction=(
            "With standard normal inputs the sigmoid is close to linear, not only linear: a "
            "straight line explains {claim}`batchnorm.linear_r2` of the variance of its output. "
            "And since gamma and beta follow the normalization, it does not lower what a layer "
            "can fit: a gamma of {claim}`batchnorm.gamma_example` lowers that share to "
            "{claim}`batchnorm.linear_r2_gamma`, and the identity is one choice of gamma and "
            "beta."
        ),
        claims=("batchnorm.linear_r2", "batchnorm.linear_r2_gamma", "batchnorm.linear_fraction"),
        section="sec-batch-normalization-sigmoid",
        outline=("S3.9",),
    ),
    Statement(
        id="S3.gamma-beta-variance-bias",
        article="S3",
        location=_T3,
        quote="其中γ和β分别是输入数据分布的方差和偏差",
        claim="The learnable γ and β are the variance and the bias of the input distribution.",
        verdict="imprecise",
        chapter="batch-normalization",
        correction=(
            "Gamma and beta are learned parameters that set the mean and the spread of the "
            "distribution the layer passes on, but gamma multiplies, so it is a standard "
            "deviation, not a variance: the output's variance is gamma squared, and the layer "
            "is the identity when gamma is the square root of the batch variance plus epsilon "
            "and beta the batch mean."
        ),
        claims=("batchnorm.identity_error",),
        section="sec-batch-normalization-transform",
        outline=("S3.9",),
    ),
    Statement(
        id="S3.gamma-beta-restore-distribution",
        article="S3",
        location=_T3,
        quote="仅用两个参数就可以恢复最优的输入数据分布,与之前网络层的参数解耦",
        claim=(
            "With only the two parameters γ and β, batch normalization can restore the "
            "optimal input distribution, decoupled from the parameters of earlier layers, "
            "which eases optimization."
        ),
        verdict="imprecise",
        chapter="batch-normalization",
        correction=(
            "Gamma and beta set the mean and the scale of each unit, which no longer depend on "
            "the scale of the weights before; the shape of the distribution and the dependence "
            "between units still come from the earlier layers (a skewed input stays skewed: "
            "{claim}`batchnorm.skewness_before` before and {claim}`batchnorm.skewness_after` "
            "after), and the best mean and scale are what training finds, not something two "
            "parameters restore."
        ),
        claims=(
            "batchnorm.scale_invariance_error",
            "batchnorm.skewness_before",
            "batchnorm.skewness_after",
        ),
        section="sec-batch-normalization-transform",
        outline=("S3.9",),
    ),
    Statement(
        id="S3.batch-norm-per-feature-map",
        article="S3",
        location=_T3,
        quote="如果有f个卷积核,就对应f个特征图和f组不同的β和γ参数",
        claim=(
            "In a convolutional network, batch normalization computes its statistics over "
            "all b·w·h positions of a feature map and learns one pair γ, β per map, so f "
            "kernels give f pairs."
        ),
        verdict="confirmed",
        chapter="batch-normalization",
        claims=("batchnorm.cnn_values_per_map", "batchnorm.cnn_parameters"),
        section="sec-batch-normalization-convolution",
        outline=("S3.9",),
    ),
    Statement(
        id="S3.batch-norm-before-activation",
        article="S3",
        location=_BN_USE,
        quote="批标准化一般用在非线性映射(激活函数)之前,对y= Wx + b进行规范化",
        claim=(
            "Batch normalization usually goes before the activation function, normalizing "
            "y = Wx + b."
        ),
        verdict="convention",
        chapter="batch-normalization",
        correction=(
            "This is the placement of {cite:t}`ioffe2015batch`, who normalize $Wx$ and drop the "
            "bias, which batch normalization makes redundant. Placing it after the activation "
            "is common too; neither placement is a rule."
        ),
        claims=("batchnorm.bias_gradient_max",),
        section="sec-batch-normalization-placement",
        outline=("S3.9",),
    ),
    Statement(
        id="S3.batch-norm-when-to-try",
        article="S3",
        location=_BN_USE,
        quote="在神经网络收敛过慢或者梯度爆炸时的那个无法训练的情况下都可以尝试",
        claim=(
            "Batch normalization is worth trying when a network converges too slowly or "
            "cannot be trained because its gradients explode."
        ),
        verdict="imprecise",
        chapter="batch-normalization",
        correction=(
            "For slow training the digits support it: a deep sigmoid network went from "
            "{claim}`batchnorm.accuracy_sigmoid_none` to {claim}`batchnorm.accuracy_sigmoid_batch`. "
            "For exploding gradients it is not a remedy in general: in deep networks without "
            "skip connections batch normalization itself makes the gradients at initialization "
            "grow with depth {cite:p}`yang2019mean`."
        ),
        claims=(
            "batchnorm.accuracy_sigmoid_none",
            "batchnorm.accuracy_sigmoid_batch",
            "batchnorm.gradient_ratio_sigmoid_batch",
        ),
        section="sec-batch-normalization-digits",
        outline=("S3.9",),
    ),
    # --- the second answer (Meituan): activation functions ---
    Statement(
        id="S3.universal-approximation",
        article="S3",
        location=_MEITUAN,
        quote="理论上,包含非线性变换的深度前馈神经网络能拟合任何连续函数",
        claim=(
            "In theory, a deep feedforward network with nonlinear transformations can fit "
            "any continuous function."
        ),
        verdict="imprecise",
        chapter="neuron-model",
        correction=(
            "One hidden layer already suffices, it need not be deep (Cybenko; Hornik), and the "
            "activation must be non-polynomial (Leshno et al.). The theorem says approximate, "
            "not fit: for every continuous function on a compact set and every tolerance there "
            "is a network of some finite width within that tolerance everywhere on the set. It "
            "says nothing about the function outside the set, about how wide the network must "
            "be, or whether training finds the weights or generalizes from finitely many samples."
        ),
        claims=("neuron_model.uat_error_wide", "neuron_model.uat_extrapolation_error"),
        section="sec-neuron-model-universal",
        outline=("S3.10",),
    ),
    Statement(
        id="S3.nonlinearity-solves-xor",
        article="S3",
        location=_MEITUAN,
        quote="非线性变换一方面可以解决线性感知机无法解决的问题(比如XOR问题)",
        claim="Nonlinear transformations solve problems a linear perceptron cannot, such as XOR.",
        verdict="confirmed",
        chapter="neuron-model",
        claims=("neuron_model.xor_network_accuracy", "neuron_model.xor_best_linear_correct"),
        section="sec-neuron-model-xor",
        outline=("S3.10",),
    ),
    Statement(
        id="S3.sigmoid-two-sided-saturation",
        article="S3",
        location=_MEITUAN,
        quote="Sigmoid有双边饱和效应,当信号超过一定门限后会被抑制,反向梯度容易消失,回传不会多远",
        claim=(
            "The sigmoid saturates on both sides: beyond a threshold the signal is "
            "suppressed, so the backward gradient easily vanishes and does not travel far."
        ),
        verdict="imprecise",
        chapter="vanishing-gradients",
        correction=(
            "The sigmoid does saturate on both sides, and a deep sigmoid network's gradient "
            "does not travel far; but saturation is not what stops it: the derivative is at "
            "most a quarter even at zero, and a Xavier-initialized sigmoid network loses "
            "almost all of its gradient across its layers with hardly any unit saturated."
        ),
        claims=(
            "sigmoid_tanh.sigmoid_saturation_x",
            "vanishing.init_ratio_sigmoid",
            "vanishing.init_saturated_sigmoid_xavier",
        ),
        section="sec-vanishing-measured",
        outline=("S3.10",),
    ),
    Statement(
        id="S3.sigmoid-not-zero-centred",
        article="S3",
        location=_MEITUAN,
        quote="取值范围(0,1),取值不是以0为中心对称",
        claim=("The sigmoid's values lie between zero and one and are not symmetric about zero."),
        verdict="confirmed",
        chapter="sigmoid-tanh",
        section="sec-sigmoid-tanh-probability",
        outline=("S3.10",),
    ),
    Statement(
        id="S3.same-sign-gradients-slow",
        article="S3",
        location=_MEITUAN,
        quote="这样容易产生梯度同正同负的线性,降低收敛速度",
        claim=(
            "Because the sigmoid's outputs are not zero-centred, the gradients of a unit's "
            "weights tend to be all positive or all negative, which slows convergence."
        ),
        verdict="imprecise",
        correction=(
            "Convergence is slower, but same-sign gradients are the symptom of single "
            "examples, not the cause: with the full batch every update had mixed signs and "
            "descent still needed {claim}`zero_centred.batch_ratio` as many steps as on "
            "centred inputs. The cause is the ill-conditioning that a non-zero mean of the "
            "inputs gives the next layer's loss."
        ),
        claims=(
            "zero_centred.centring_speedup",
            "zero_centred.batch_mixed_full",
            "zero_centred.batch_ratio",
        ),
        section="sec-zero-centred-network",
        chapter="zero-centred",
        outline=("S3.10",),
    ),
    Statement(
        id="S3.sigmoid-output-probability",
        article="S3",
        location=_MEITUAN,
        quote="适合在最外层用来做概率预测",
        claim="The sigmoid suits the output layer, for predicting probabilities.",
        verdict="confirmed",
        chapter="sigmoid-tanh",
        section="sec-sigmoid-tanh-probability",
        outline=("S3.10",),
    ),
    Statement(
        id="S3.tanh-zero-centred-saturates",
        article="S3",
        location=_MEITUAN,
        quote="Tanh取值虽然是以0为中心对称,但依然存在饱和问题",
        claim="tanh's values are symmetric about zero, but tanh still saturates.",
        verdict="confirmed",
        chapter="sigmoid-tanh",
        claims=("sigmoid_tanh.tanh_saturation_x",),
        section="sec-sigmoid-tanh-saturation",
        outline=("S3.10",),
    ),
    Statement(
        id="S3.relu-most-used",
        article="S3",
        location=_MEITUAN,
        quote="在深层网络中,ReLU使用最广泛",
        claim="ReLU is the most widely used activation in deep networks.",
        verdict="confirmed",
        section="sec-relu-family-choosing",
        chapter="relu-family",
        outline=("S3.10",),
    ),
    Statement(
        id="S3.relu-zero-centred",
        article="S3",
        location=_MEITUAN,
        quote="它以0为中心",
        claim=(
            "ReLU is centred at zero. Read literally, its outputs are zero-centred; the phrase "
            "may also mean that ReLU is split at zero, linear to the right and suppressed to "
            "the left, as the rest of the sentence says."
        ),
        verdict="wrong",
        correction=(
            "ReLU never outputs a negative number; for a standard normal input its mean "
            "output is $1/\\sqrt{2\\pi}$ ({claim}`zero_centred.mean_relu`). Among the book's "
            "activations only tanh is zero-centred. That ReLU is split at zero, linear on the "
            "right and suppressed on the left, is true but is another property."
        ),
        claims=("zero_centred.mean_relu",),
        section="sec-zero-centred-activations",
        chapter="zero-centred",
        outline=("S3.10",),
    ),
    Statement(
        id="S3.relu-gradient-travels-far",
        article="S3",
        location=_MEITUAN,
        quote="右边是线性函数可以保证梯度回传很远,左边直接对信号进行抑制",
        claim=(
            "ReLU is linear on the right, which guarantees that the gradient travels far "
            "back, and suppresses the signal on the left."
        ),
        verdict="imprecise",
        chapter="vanishing-gradients",
        correction=(
            "On the right the derivative is exactly one, so the activation no longer shrinks "
            "the gradient; but nothing is guaranteed, because the weights still multiply "
            "(with standard normal weights the gradient explodes, with He weights it stays "
            "nearly level) and units on the left pass no gradient at all."
        ),
        claims=("vanishing.init_ratio_relu", "vanishing.init_explode_relu_normal"),
        section="sec-vanishing-relu",
        outline=("S3.10",),
    ),
)
