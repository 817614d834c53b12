"""S1: the statements of the article, in its order."""

from actbook.sources._register import Statement, register

register(
    # --- the neuron ---
    Statement(
        id="S1.neuron-imitates-brain",
        article="S1",
        location="神经元",
        quote="它完全仿照人类大脑中神经元之间传递数据的模式设计",
        claim=(
            "The typical artificial neuron is designed entirely after the way neurons in the "
            "human brain pass data to one another."
        ),
        verdict="wrong",
        chapter="neuron-model",
        correction=(
            "The artificial neuron is a loose abstraction, not a full copy: it keeps weighted "
            "inputs, their summation and a threshold-like output, and drops spikes and their "
            "timing, the neuron's membrane dynamics, nonlinear processing in the dendrites, the "
            "separation of excitatory and inhibitory neurons, and chemical signalling at "
            "synapses."
        ),
        section="sec-neuron-model-biology",
        outline=("S1.1",),
    ),
    Statement(
        id="S1.biological-neuron",
        article="S1",
        location="神经元",
        quote=(
            "神经元通过若干树突(dendrite)的突触(synapse),接受其他神经元的轴突(axon)"
            "或树突传递来的消息,而后经过处理再由轴突输出"
        ),
        claim=(
            "A biological neuron receives messages from other neurons' axons or dendrites "
            "through the synapses on its dendrites, processes them, and sends its output along "
            "its axon."
        ),
        verdict="confirmed",
        chapter="neuron-model",
        section="sec-neuron-model-biology",
        outline=("S1.1",),
    ),
    Statement(
        id="S1.linear-integration-no-interaction",
        article="S1",
        location="神经元",
        quote="整合的过程是线性加权的过程,各输入特征 $x_i$ 之间没有相互作用",
        claim=(
            "The neuron first integrates its inputs into a weighted sum plus a bias, "
            "$z = \\sum_i w_i x_i + b$, and then outputs $f(z)$; this integration is linear, so the "
            "input features do not interact in it."
        ),
        verdict="confirmed",
        chapter="neuron-model",
        claims=("neuron_model.interaction_linear",),
        section="sec-neuron-model-artificial",
        outline=("S1.1",),
    ),
    Statement(
        id="S1.activation-nonlinear-interaction",
        article="S1",
        location="神经元",
        quote="激活函数(active function)一般来说则是非线性的,各输入特征 $x_i$ 在此处相互作用",
        claim=(
            "The activation function (which the article calls an 'active function') is "
            "generally nonlinear, and it is there that the input features interact."
        ),
        verdict="confirmed",
        chapter="neuron-model",
        claims=("neuron_model.interaction_tanh",),
        section="sec-neuron-model-artificial",
        outline=("S1.1",),
    ),
    # --- the sigmoid ---
    Statement(
        id="S1.sigmoid-general-form",
        article="S1",
        location="Sigmoid 函数",
        quote=r"Sigmoid 函数的一般形式是 $$\sigma(x; a) = \frac{1}{1 + \mathrm{e}^{-ax}}.$$",
        claim="The general form of the sigmoid is $\\sigma(x; a) = 1/(1 + e^{-ax})$.",
        verdict="convention",
        chapter="sigmoid-tanh",
        correction=(
            "A choice of parametrization: since $\\sigma(x; a) = \\sigma(ax)$, the parameter only "
            "rescales the input. The general logistic curve, as Verhulst wrote it, also has a "
            "height and a centre."
        ),
        section="sec-sigmoid-tanh-definitions",
        outline=("S1.2",),
    ),
    Statement(
        id="S1.shape-parameter-minor-effect",
        article="S1",
        location="Sigmoid 函数",
        quote="参数 $a$ 控制 Sigmoid 函数的形状,对函数基本性质没有太大的影响",
        claim=(
            "The parameter a controls the shape of the sigmoid but has little effect on its "
            "basic properties."
        ),
        verdict="imprecise",
        chapter="sigmoid-tanh",
        correction=(
            r"Since $\sigma(x; a) = \sigma(ax)$, for $a > 0$ the range, monotonicity and centre "
            r"do not depend on $a$, but the bound on the derivative does: "
            r"$\sigma'(x; a) = a\,\sigma(ax)(1 - \sigma(ax))$ peaks at $a/4$ at the origin, "
            "above one for every $a$ above {claim}`sigmoid_tanh.shape_slope_one_a` (with "
            "$a =$ {claim}`sigmoid_tanh.shape_steep_a` the peak is "
            "{claim}`sigmoid_tanh.shape_steep_slope`), against the article's own 'derivative "
            "below one'."
        ),
        claims=(
            "sigmoid_tanh.shape_slope_error",
            "sigmoid_tanh.shape_slope_one_a",
            "sigmoid_tanh.shape_steep_slope",
        ),
        section="sec-sigmoid-tanh-derivatives",
        outline=("S1.2",),
    ),
    Statement(
        id="S1.shape-parameter-one",
        article="S1",
        location="Sigmoid 函数",
        quote="在神经网络中,一般设置 $a = 1$,直接省略",
        claim="Neural networks generally set $a = 1$ and omit it.",
        verdict="convention",
        chapter="sigmoid-tanh",
        correction=(
            "The standard logistic sigmoid has $a = 1$. Nothing is lost by fixing it: a multiplies "
            "the pre-activation, so it can be absorbed into the weights and the bias."
        ),
        section="sec-sigmoid-tanh-definitions",
        outline=("S1.2",),
    ),
    Statement(
        id="S1.sigmoid-derivative",
        article="S1",
        location="Sigmoid 函数",
        quote=r"Sigmoid 函数的导数很好求 $$\sigma'(x) = \sigma(x)\bigl(1 - \sigma(x)\bigr).$$",
        claim=(
            "The sigmoid's derivative is easy to obtain: $\\sigma'(x) = \\sigma(x)\\,(1 - \\sigma(x))$."
        ),
        verdict="confirmed",
        chapter="sigmoid-tanh",
        claims=("sigmoid_tanh.sigmoid_derivative_fd_error",),
        section="sec-sigmoid-tanh-derivatives",
        outline=("S1.2",),
    ),
    # --- tanh ---
    Statement(
        id="S1.tanh-sigmoid-identity",
        article="S1",
        location="tanh 函数",
        quote=(
            r"$$\tanh(x) = 2\sigma(2x) - 1 = "
            r"\frac{\mathrm{e}^{x} - \mathrm{e}^{-x}}{\mathrm{e}^{x} + \mathrm{e}^{-x}}.$$"
        ),
        claim=(
            "The hyperbolic tangent is $\\tanh(x) = 2\\sigma(2x) - 1 = (e^x - e^{-x})/(e^x + e^{-x})$."
        ),
        verdict="confirmed",
        chapter="sigmoid-tanh",
        claims=("sigmoid_tanh.tanh_identity_error",),
        section="sec-sigmoid-tanh-identity",
        outline=("S1.3",),
    ),
    Statement(
        id="S1.tanh-derivative",
        article="S1",
        location="tanh 函数",
        quote=r"$$\tanh'(x) = 1 - \tanh^2(x).$$",
        claim="The derivative of tanh is $\\tanh'(x) = 1 - \\tanh^2(x)$.",
        verdict="confirmed",
        chapter="sigmoid-tanh",
        claims=("sigmoid_tanh.tanh_derivative_fd_error",),
        section="sec-sigmoid-tanh-derivatives",
        outline=("S1.3",),
    ),
    # --- some properties ---
    Statement(
        id="S1.sigmoid-tanh-similar",
        article="S1",
        location="一些性质",
        quote="Sigmoid 和 tanh 两个函数非常相似,具有不少相同的性质",
        claim="The sigmoid and tanh are very similar and share many properties.",
        verdict="confirmed",
        chapter="sigmoid-tanh",
        claims=("sigmoid_tanh.tanh_identity_error",),
        section="sec-sigmoid-tanh-identity",
        outline=("S1.4",),
    ),
    Statement(
        id="S1.smooth",
        article="S1",
        location="一些性质",
        quote="优点:平滑",
        claim="An advantage of both sigmoid and tanh is that they are smooth.",
        verdict="confirmed",
        chapter="sigmoid-tanh",
        section="sec-sigmoid-tanh-derivatives",
        outline=("S1.4",),
    ),
    Statement(
        id="S1.easy-derivative",
        article="S1",
        location="一些性质",
        quote="优点:易于求导",
        claim=(
            "An advantage of both is that they are easy to differentiate: each derivative is "
            "a simple expression in the function's own value."
        ),
        verdict="confirmed",
        chapter="sigmoid-tanh",
        claims=(
            "sigmoid_tanh.sigmoid_derivative_fd_error",
            "sigmoid_tanh.tanh_derivative_fd_error",
        ),
        section="sec-sigmoid-tanh-derivatives",
        outline=("S1.4",),
    ),
    Statement(
        id="S1.exponentiation-costly",
        article="S1",
        location="一些性质",
        quote="缺点:幂运算相对耗时",
        claim=(
            "A drawback of both is that the exponentiation they need is relatively time-consuming."
        ),
        verdict="imprecise",
        chapter="sigmoid-tanh",
        correction=(
            "An exponential does cost more than ReLU's comparison, but a small factor: on the "
            "machine that built the book `np.exp` took {claim}`sigmoid_tanh.exp_cost_median` "
            "the time of `np.maximum(x, 0)` on the same array. Inside a dense layer the matrix "
            "product dominates: the layer with the sigmoid took "
            "{claim}`sigmoid_tanh.layer_cost_median` and the layer with tanh "
            "{claim}`sigmoid_tanh.layer_tanh_cost_median` the time of the layer with ReLU. "
            "In a network the drawback is small."
        ),
        claims=(
            "sigmoid_tanh.exp_cost_median",
            "sigmoid_tanh.tanh_cost_median",
            "sigmoid_tanh.layer_cost_median",
            "sigmoid_tanh.layer_tanh_cost_median",
        ),
        section="sec-sigmoid-tanh-cost",
        outline=("S1.4",),
    ),
    Statement(
        id="S1.derivative-below-one",
        article="S1",
        location="一些性质",
        quote="缺点:导数值小于 $1$,反向传播易导致梯度消失(Gradient Vanishing)",
        claim=(
            "A drawback of both is that their derivatives are below one, so backpropagation "
            "easily makes gradients vanish."
        ),
        verdict="imprecise",
        chapter="sigmoid-tanh",
        correction=(
            "The sigmoid's derivative is at most a quarter, but tanh's derivative reaches "
            "{claim}`sigmoid_tanh.tanh_derivative_max` at the origin, so it is below one only "
            "away from zero; and with the article's own shape parameter the sigmoid's peak "
            "$a/4$ exceeds one for every $a$ above {claim}`sigmoid_tanh.shape_slope_one_a`. "
            "Nor does a derivative below one make gradients vanish by itself: each factor of "
            r"the backward product is a weight times a derivative, $|w\,\sigma'(z)|$ can "
            "exceed one once $|w|$ is at least {claim}`vanishing.explode_min_weight`, and in a "
            "layer what counts is the norm of the weight matrix."
        ),
        claims=(
            "sigmoid_tanh.sigmoid_derivative_max",
            "sigmoid_tanh.tanh_derivative_max",
            "sigmoid_tanh.shape_slope_one_a",
            "vanishing.explode_min_weight",
        ),
        section="sec-sigmoid-tanh-saturation",
        outline=("S1.4",),
    ),
    Statement(
        id="S1.sigmoid-range",
        article="S1",
        location="一些性质",
        quote="对于 Sigmoid 函数来说,它的值域是 $(0, 1)$",
        claim="The sigmoid's range is the open interval from zero to one.",
        verdict="confirmed",
        chapter="sigmoid-tanh",
        section="sec-sigmoid-tanh-definitions",
        outline=("S1.4",),
    ),
    Statement(
        id="S1.sigmoid-probability",
        article="S1",
        location="一些性质",
        quote="优点:可以作为概率,辅助模型解释",
        claim=(
            "An advantage of the sigmoid is that its output can be read as a probability, "
            "which helps to interpret the model."
        ),
        verdict="confirmed",
        chapter="sigmoid-tanh",
        section="sec-sigmoid-tanh-probability",
        outline=("S1.4",),
    ),
    Statement(
        id="S1.not-zero-centred-slow",
        article="S1",
        location="一些性质",
        quote="缺点:输出值不以零为中心,可能导致模型收敛速度慢",
        claim=(
            "A drawback of the sigmoid is that its output is not zero-centred, which may make "
            "the model converge slowly."
        ),
        verdict="confirmed",
        claims=("zero_centred.centring_speedup", "zero_centred.batch_ratio"),
        section="sec-zero-centred-network",
        chapter="zero-centred",
        outline=("S1.4",),
    ),
    # --- convergence speed ---
    Statement(
        id="S1.convergence-speed-definition",
        article="S1",
        location="收敛速度",
        quote="迭代轮次多,则我们说模型收敛速度慢;反之,迭代轮次少,则我们说模型收敛速度快",
        claim=(
            "Convergence speed is measured by the number of iterations needed to bring the "
            "parameters close to their optimum: many iterations mean slow convergence, few "
            "mean fast."
        ),
        verdict="convention",
        correction=(
            "A usable working definition, which this book follows, but a choice: the count "
            "depends on the tolerance that counts as near the optimum, and iterations compare "
            "only when they cost the same (a full-batch step costs one gradient per example). "
            "Optimization theory measures speed by the rate at which the error shrinks per "
            "iteration."
        ),
        claims=("zero_centred.batch_gradients", "zero_centred.sample_steps_positive"),
        section="sec-zero-centred-batch",
        chapter="zero-centred",
        outline=("S1.5",),
    ),
    # --- parameter update ---
    Statement(
        id="S1.gradient-descent-update",
        article="S1",
        location="参数更新",
        quote=(
            r"向梯度的反方向更新参数 $w$ "
            r"$$w \gets w - \eta\cdot\frac{\partial L}{\partial w}.$$"
        ),
        claim=(
            "Learning by backpropagation computes, with the chain rule, the partial "
            "derivative of the loss with respect to a parameter and then moves the parameter "
            "against it, scaled by the learning rate: $w \\leftarrow w - \\eta\\, \\partial L/\\partial w$."
        ),
        verdict="confirmed",
        chapter="vanishing-gradients",
        section="sec-vanishing-step-size",
        outline=("S1.6",),
    ),
    Statement(
        id="S1.global-learning-rate",
        article="S1",
        location="参数更新",
        quote="考虑学习率 $\\eta$ 是全局设置的超参数",
        claim="The learning rate $\\eta$ is a hyperparameter set globally.",
        verdict="convention",
        chapter="vanishing-gradients",
        correction="Plain SGD uses one global rate; RMSProp and Adam adapt it per parameter.",
        section="sec-vanishing-step-size",
        outline=("S1.6",),
    ),
    Statement(
        id="S1.single-neuron-gradient",
        article="S1",
        location="参数更新",
        quote=(
            r"$$w_i \gets w_i - \eta x_i\cdot "
            r"\frac{\partial L}{\partial f}\frac{\partial f}{\partial z}.$$"
        ),
        claim=(
            "For a neuron $f(\\sum_i w_i x_i + b)$, the chain rule gives "
            "$\\partial L/\\partial w_i = x_i \\cdot \\partial L/\\partial f \\cdot \\partial f/\\partial z$, "
            "so the update of $w_i$ is $\\eta x_i$ times that "
            "product, subtracted."
        ),
        verdict="confirmed",
        chapter="vanishing-gradients",
        section="sec-vanishing-chain-rule",
        outline=("S1.6",),
    ),
    # --- update direction ---
    Statement(
        id="S1.update-direction-input-sign",
        article="S1",
        location="更新方向",
        quote="各个 $w_i$ 更新方向之间的差异,完全由对应的输入值 $x_i$ 的符号的差异决定",
        claim=(
            "Since the factor $\\partial L/\\partial f \\cdot \\partial f/\\partial z$ is the same for all weights of a neuron, the update "
            "directions of its weights differ only through the signs of their inputs: inputs of "
            "equal sign move the weights in the same direction, inputs of opposite sign in "
            "opposite directions."
        ),
        verdict="imprecise",
        correction=(
            "True for the loss of one example. S1 applies it to the global loss, whose "
            "gradient is a sum over the examples: there the components can have different "
            "signs although every input is positive, as every full-batch update on sigmoid "
            "inputs did in the chapter's two-weight experiment."
        ),
        claims=("zero_centred.sample_same_sign_positive", "zero_centred.batch_mixed_full"),
        section="sec-zero-centred-sign",
        chapter="zero-centred",
        outline=("S1.6",),
    ),
    # --- the effect of zero-centring ---
    Statement(
        id="S1.opposite-signs-needed",
        article="S1",
        location="以零为中心的影响",
        quote="如果想要「一次到位」这就必然要求 $x_0$$x_1$ 符号相反",
        claim=(
            "With two weights, if the optimum requires w_0 to grow and w_1 to shrink, reaching "
            "it in one step requires the inputs x_0 and x_1 to have opposite signs."
        ),
        verdict="imprecise",
        correction=(
            "True for the update of one example. For the global loss that S1 defines, "
            "opposite signs are not needed: on all-positive inputs, "
            "{claim}`zero_centred.batch_mixed_full` of the full-batch updates moved the two "
            "weights in opposite directions."
        ),
        claims=("zero_centred.batch_mixed_full",),
        section="sec-zero-centred-sign",
        chapter="zero-centred",
        outline=("S1.7",),
    ),
    Statement(
        id="S1.sigmoid-output-positive",
        article="S1",
        location="以零为中心的影响",
        quote="但在 Sigmoid 函数中,输出值恒为正",
        claim="The sigmoid's output is always positive.",
        verdict="confirmed",
        chapter="sigmoid-tanh",
        section="sec-sigmoid-tanh-probability",
        outline=("S1.7",),
    ),
    Statement(
        id="S1.no-opposite-signs-after-sigmoid",
        article="S1",
        location="以零为中心的影响",
        quote=(
            "如果上一级神经元采用 Sigmoid 函数作为激活函数,那么我们无法做到 $x_0$$x_1$ 符号相反"
        ),
        claim=(
            "If the previous layer uses the sigmoid, the inputs x_0 and x_1 can never have "
            "opposite signs."
        ),
        verdict="confirmed",
        section="sec-zero-centred-sign",
        chapter="zero-centred",
        outline=("S1.7",),
    ),
    Statement(
        id="S1.zigzag-like-sailboat",
        article="S1",
        location="以零为中心的影响",
        quote="不得不向逆风前行的风助力帆船一样,走 Z 字形逼近最优解",
        claim=(
            "To converge, the parameters must then zig-zag towards the optimum, like a sailing "
            "boat tacking against the wind (the figure contrasts a direct green arrow with a "
            "red zig-zag path)."
        ),
        verdict="imprecise",
        correction=(
            "Updates of one example at a time do zig-zag, but the zig-zag is not what makes "
            "descent slow: full-batch descent on the same sigmoid inputs runs straight at the "
            "optimum and is just as slow, because the mean of the inputs makes the loss "
            "ill-conditioned."
        ),
        claims=(
            "zero_centred.sample_steps_positive",
            "zero_centred.batch_steps_positive",
            "zero_centred.batch_same_sign_positive",
        ),
        section="sec-zero-centred-zigzag",
        chapter="zero-centred",
        outline=("S1.7",),
    ),
    Statement(
        id="S1.sigmoid-network-much-slower",
        article="S1",
        location="以零为中心的影响",
        quote="使用 Sigmoid 函数作为激活函数的神经网络,收敛速度就会慢上不少了",
        claim=(
            "As a result, a neural network with sigmoid activations converges considerably "
            "more slowly."
        ),
        verdict="imprecise",
        correction=(
            "Measured at each network's best learning rate, the sigmoid network needed "
            "{claim}`zero_centred.centring_speedup` as many epochs as the same network with "
            "centred outputs; at a small learning rate there was almost no difference. The "
            "cause is not the zig-zag: the mean of the outputs makes the next layer's loss "
            "ill-conditioned and caps the usable step."
        ),
        claims=(
            "zero_centred.centring_speedup",
            "zero_centred.centring_speedup_min",
            "zero_centred.centring_speedup_max",
            "zero_centred.epochs_sigmoid_lr_small",
            "zero_centred.epochs_centred_lr_small",
        ),
        section="sec-zero-centred-network",
        chapter="zero-centred",
        outline=("S1.7",),
    ),
)
