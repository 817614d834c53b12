"""S2: the statements of the article, in its order."""

from actbook.sources._register import Statement, register

_WHY = "1 用激活函數的原因"
_SIGMOID = "2.1 邏輯函數Sigmoid"
_TANH = "2.2 雙曲正切函數tanh"
_RELU = "2.3 線性整流函數ReLU"
_VANISHING = "3 梯度消失問題和ReLU如何處理此問題"

register(
    # 1 Why activation functions
    Statement(
        id="S2.convolution-nonlinear",
        article="S2",
        location=_WHY,
        quote="如果神經網絡沒有進行可以提取非線性特徵的卷積操作",
        claim=(
            "Convolution is an operation that can extract nonlinear features, so a network "
            "with convolutions has a source of nonlinearity other than its activation functions."
        ),
        verdict="wrong",
        chapter="neuron-model",
        correction=(
            "Convolution is linear, $k * (ax + by) = a(k * x) + b(k * y)$ (checked to "
            "{claim}`neuron_model.convolution_linearity_error`); it cannot extract nonlinear "
            "features, and a convolutional network without activations (and without max-pooling) "
            "is one affine map too."
        ),
        claims=("neuron_model.convolution_linearity_error",),
        section="sec-neuron-model-collapse",
        outline=("S2.1",),
    ),
    Statement(
        id="S2.linear-collapse",
        article="S2",
        location=_WHY,
        quote=(
            "相當於此時多層神經網絡退化為一個多層的線性回歸模型,"
            "難以學習如圖像、音頻、文本等複雜數據的特徵"
        ),
        claim=(
            "Without activation functions a network of any depth degenerates into what the "
            "article calls a multi-layer linear regression model, in fact one affine map of "
            "the input, which can hardly learn the features of complex "
            "data such as images, audio or text."
        ),
        verdict="imprecise",
        chapter="neuron-model",
        correction=(
            "The stack is not a multi-layer model but a single affine map $x \\mapsto xW + b$ with"
            " $W = W_1 \\cdots W_L$ (the deep network and the product differ by "
            "{claim}`neuron_model.collapse_max_difference`): one linear regression, whose only "
            "difference from the plain one is that the rank of $W$ is at most the narrowest "
            "width."
        ),
        claims=("neuron_model.collapse_max_difference", "neuron_model.collapse_rank"),
        section="sec-neuron-model-collapse",
        outline=("S2.1",),
    ),
    Statement(
        id="S2.activation-adds-nonlinearity",
        article="S2",
        location=_WHY,
        quote="神經網絡要引入激活函數來給神經網絡增加一些非線性的特性",
        claim=(
            "Activation functions are introduced to make the network nonlinear, so that the "
            "input of the next layer is no longer a linear combination, which is why common "
            "activation functions are mostly nonlinear."
        ),
        verdict="confirmed",
        chapter="neuron-model",
        section="sec-neuron-model-collapse",
        outline=("S2.1",),
    ),
    # 2.1 The logistic function
    Statement(
        id="S2.logistic-named-by-verhulst",
        article="S2",
        location=_SIGMOID,
        quote="它是皮埃爾·弗朗索瓦·韋呂勒在1844或1845年在研究它與人口增長的關係時命名的",
        claim=(
            "Pierre François Verhulst named the logistic function, in one of two consecutive "
            "years, while studying population growth."
        ),
        verdict="confirmed",
        claims=("sigmoid_tanh.logistic_ode_error",),
        chapter="sigmoid-tanh",
        section="sec-sigmoid-tanh-history",
        outline=("S2.2",),
    ),
    Statement(
        id="S2.logistic-formula",
        article="S2",
        location=_SIGMOID,
        quote="一個簡單的Logistic函數表達式為",
        claim=(
            "A simple form of the logistic function is $f(x) = 1/(1 + e^{-x})$ (the formula is "
            "mangled in the extracted text)."
        ),
        verdict="confirmed",
        chapter="sigmoid-tanh",
        section="sec-sigmoid-tanh-definitions",
        outline=("S2.2",),
    ),
    Statement(
        id="S2.logistic-s-shaped",
        article="S2",
        location=_SIGMOID,
        quote="邏輯函數形如S,所以通常也叫做S形函數。",
        claim="The logistic function is S-shaped and is therefore commonly called the sigmoid function.",
        verdict="confirmed",
        chapter="sigmoid-tanh",
        section="sec-sigmoid-tanh-definitions",
        outline=("S2.2",),
    ),
    Statement(
        id="S2.domain-closed-interval",
        article="S2",
        location=_SIGMOID,
        quote="f(x)的定義域為[-∞, +∞]",
        claim=(
            "The domain of the sigmoid is the closed interval from minus to plus infinity; the "
            "article writes the same domain for tanh and ReLU."
        ),
        verdict="imprecise",
        chapter="sigmoid-tanh",
        section="sec-sigmoid-tanh-definitions",
        correction=(
            "The domain is the whole real line, the open interval $(-\\infty, +\\infty)$: the infinities are "
            "not real numbers, and if they were admitted the sigmoid would attain its bounds, "
            "contradicting the open range $(0, 1)$ given in the same sentence. The same holds for "
            "tanh and ReLU."
        ),
        outline=("S2.2",),
    ),
    Statement(
        id="S2.sigmoid-range",
        article="S2",
        location=_SIGMOID,
        quote="值域是(0,1)",
        claim="The range of the sigmoid is the open interval from zero to one.",
        verdict="confirmed",
        chapter="sigmoid-tanh",
        section="sec-sigmoid-tanh-definitions",
        outline=("S2.2",),
    ),
    Statement(
        id="S2.sigmoid-derivative",
        article="S2",
        location=_SIGMOID,
        quote="對f(x)求導數,易得",
        claim=(
            "The derivative of the sigmoid is $e^{-x}/(1 + e^{-x})^2$, which equals "
            "$f(x)\\,(1 - f(x))$ (the formula is mangled in the extracted text)."
        ),
        verdict="confirmed",
        chapter="sigmoid-tanh",
        section="sec-sigmoid-tanh-derivatives",
        claims=(
            "sigmoid_tanh.sigmoid_derivative_forms_error",
            "sigmoid_tanh.sigmoid_derivative_fd_error",
        ),
        outline=("S2.2",),
    ),
    # 2.2 tanh
    Statement(
        id="S2.tanh-hyperbolic",
        article="S2",
        location=_TANH,
        quote="雙曲正切函數是雙曲函數的一種。",
        claim=(
            "The hyperbolic tangent is one of the hyperbolic functions, defined as "
            "(e^x - e^{-x})/(e^x + e^{-x})."
        ),
        verdict="confirmed",
        chapter="sigmoid-tanh",
        section="sec-sigmoid-tanh-definitions",
        outline=("S2.3",),
    ),
    Statement(
        id="S2.hyperbolic-like-trigonometric",
        article="S2",
        location=_TANH,
        quote="在數學中,雙曲函數是一類與常見的三角函數類似的函數。",
        claim="The hyperbolic functions are analogous to the ordinary trigonometric functions.",
        verdict="confirmed",
        chapter="sigmoid-tanh",
        claims=("sigmoid_tanh.tanh_tan_identity_error",),
        section="sec-sigmoid-tanh-definitions",
    ),
    Statement(
        id="S2.tanh-like-logistic",
        article="S2",
        location=_TANH,
        quote="雙曲正切函數的圖像(同邏輯函數類似)",
        claim="The graph of tanh looks like that of the logistic function.",
        verdict="confirmed",
        chapter="sigmoid-tanh",
        section="sec-sigmoid-tanh-identity",
        claims=("sigmoid_tanh.tanh_identity_error",),
        outline=(),
    ),
    Statement(
        id="S2.tanh-range",
        article="S2",
        location=_TANH,
        quote="值域是(-1,1)",
        claim="The range of tanh is the open interval from minus one to one.",
        verdict="confirmed",
        chapter="sigmoid-tanh",
        section="sec-sigmoid-tanh-definitions",
        outline=("S2.3",),
    ),
    Statement(
        id="S2.tanh-derivative",
        article="S2",
        location=_TANH,
        quote="對f(x)求導數,易得",
        claim=(
            "The derivative of tanh is $4/(e^x + e^{-x})^2$, which equals $1 - f(x)^2$ (the "
            "formula is mangled in the extracted text)."
        ),
        verdict="confirmed",
        chapter="sigmoid-tanh",
        section="sec-sigmoid-tanh-derivatives",
        claims=(
            "sigmoid_tanh.tanh_derivative_forms_error",
            "sigmoid_tanh.tanh_derivative_fd_error",
        ),
        outline=("S2.3",),
    ),
    # 2.3 ReLU
    Statement(
        id="S2.relu-ramp-function",
        article="S2",
        location=_RELU,
        quote="通常意義下,線性整流函數指代數學中的斜坡函數",
        claim=(
            "The rectified linear unit usually means the ramp function, equal to x for "
            "non-negative x and to zero for negative x."
        ),
        verdict="confirmed",
        chapter="relu-family",
        section="sec-relu-family-definition",
        outline=("S2.4",),
    ),
    Statement(
        id="S2.relu-range",
        article="S2",
        location=_RELU,
        quote="值域是[0, +∞)",
        claim="The range of ReLU is the non-negative half-line, zero included.",
        verdict="confirmed",
        chapter="relu-family",
        section="sec-relu-family-definition",
        outline=("S2.4",),
    ),
    Statement(
        id="S2.relu-derivative",
        article="S2",
        location=_RELU,
        quote="對f(x)求導數,易得",
        claim=(
            "The derivative of ReLU is one for non-negative inputs, the origin included, and "
            "zero for negative inputs (the formula is mangled in the extracted text)."
        ),
        verdict="imprecise",
        chapter="vanishing-gradients",
        section="sec-vanishing-relu",
        claims=("vanishing.relu_derivative_at_zero",),
        correction=(
            "ReLU has no derivative at $0$: the left derivative is $0$ and the right derivative "
            "is $1$, and any value in $[0, 1]$ is a valid subgradient there. Setting it to $1$ "
            "is a convention; actbook, like PyTorch and TensorFlow, uses "
            "{claim}`vanishing.relu_derivative_at_zero`. Away from $0$ the formula is right."
        ),
        outline=("S2.4",),
    ),
    # 3 Vanishing gradients and how ReLU handles them
    Statement(
        id="S2.later-layers-stall",
        article="S2",
        location=_VANISHING,
        quote="從而導致神經網絡網絡後面層的權值矩陣幾乎無法更新",
        claim=(
            "As sigmoid networks get deeper, the gradients of the later layers become almost "
            "zero, so that the weight matrices of the later layers can hardly be updated."
        ),
        verdict="wrong",
        chapter="vanishing-gradients",
        section="sec-vanishing-training",
        claims=(
            "vanishing.init_ratio_sigmoid",
            "vanishing.train_speed_ratio",
            "vanishing.train_change_ratio",
        ),
        correction=(
            "It is the early layers, closest to the input, whose gradients become tiny and "
            "whose weights barely change; the layers near the output keep the largest "
            "gradients and learn fastest. S2's own later sentences, about the gradient of W1, "
            "say so."
        ),
        outline=("S2.5",),
    ),
    Statement(
        id="S2.accuracy-drops-with-depth",
        article="S2",
        location=_VANISHING,
        quote="表現為隨着隱藏層數目的增加,分類準確率反而下降了。",
        claim=(
            "In sigmoid networks, vanishing gradients show up as classification accuracy "
            "falling as hidden layers are added."
        ),
        verdict="confirmed",
        chapter="vanishing-gradients",
        section="sec-vanishing-depth",
        claims=(
            "vanishing.depth_sigmoid_1",
            "vanishing.depth_sigmoid_6",
            "vanishing.xor_baseline_accuracy",
            "vanishing.depth_tanh_6",
            "vanishing.depth_relu_6",
            "vanishing.depth_sigmoid_normal_6",
        ),
        outline=("S2.5",),
    ),
    Statement(
        id="S2.vanishing-gradient-name",
        article="S2",
        location=_VANISHING,
        quote="這種現象叫做消失的梯度問題。",
        claim="This phenomenon is called the vanishing gradient problem.",
        verdict="convention",
        chapter="vanishing-gradients",
        section="sec-vanishing-chain-rule",
        correction=(
            "The name is standard; it refers to the shrinking of the gradient that reaches the "
            "early layers. A drop in accuracy is at most one symptom of it."
        ),
        outline=(),
    ),
    Statement(
        id="S2.chain-rule-w1",
        article="S2",
        location=_VANISHING,
        quote="假設最後損失函數為L,L是一個關於f3的函數,那麼求導易得",
        claim=(
            "For the three-layer sigmoid network S(W3 S(W2 S(W1 x + b1) + b2) + b3), the chain "
            "rule writes the gradient of the loss with respect to W1 as the product of the "
            "loss derivative, the three sigmoid derivatives, the weights W3 and W2, and the "
            "derivative of a1 with respect to W1."
        ),
        verdict="confirmed",
        chapter="vanishing-gradients",
        section="sec-vanishing-chain-rule",
        outline=("S2.5",),
    ),
    Statement(
        id="S2.derivatives-cause-vanishing",
        article="S2",
        location=_VANISHING,
        quote="其中偏導數∂S/ ∂ai是造成梯度消失的原因",
        claim=(
            "Of the factors in that product, the sigmoid derivatives are what makes the "
            "gradient vanish."
        ),
        verdict="imprecise",
        chapter="vanishing-gradients",
        section="sec-vanishing-chain-rule",
        claims=(
            "vanishing.explode_min_weight",
            "vanishing.init_factor_sigmoid",
            "vanishing.chain_steep_weight",
            "vanishing.chain_factor_steep",
        ),
        correction=(
            "The sigmoid derivatives, at most a quarter each, are one cause, but the weights "
            "multiply into the same product: each factor is a weight times a derivative. In a "
            "chain, $|w\\,\\sigma'(z)|$ reaches one only if $|w|$ is at least "
            "{claim}`vanishing.explode_min_weight` and $\\sigma'(z) \\ge 1/|w|$; no biases are "
            "needed: $w =$ {claim}`vanishing.chain_steep_weight`, with the input on the fixed "
            "point of $a \\mapsto \\sigma(w a)$, gives factors of "
            "{claim}`vanishing.chain_factor_steep`. In a layer, what counts is the norm of the "
            "weight matrix. With the "
            "usual scaled initialization the weights do not offset them, and the gradient "
            "shrinks by a roughly constant factor per layer."
        ),
        outline=("S2.5",),
    ),
    Statement(
        id="S2.sigmoid-derivative-bound",
        article="S2",
        location=_VANISHING,
        quote="即有0<∂S/ ∂a1≤0.25, 0<∂S/ ∂a2≤0.25, 0<∂S/ ∂3≤0.25",
        claim=(
            "Each sigmoid derivative in the chain is positive and at most a quarter (the "
            "article calls this range a threshold, and writes the third factor without its "
            "a, evidently meaning the derivative with respect to a3)."
        ),
        verdict="confirmed",
        chapter="sigmoid-tanh",
        section="sec-sigmoid-tanh-saturation",
        claims=(
            "sigmoid_tanh.sigmoid_derivative_max",
            "sigmoid_tanh.sigmoid_derivative_argmax",
            "sigmoid_tanh.sigmoid_derivative_min_20",
        ),
        outline=("S2.5",),
    ),
    Statement(
        id="S2.product-three-bound",
        article="S2",
        location=_VANISHING,
        quote="在損失函數偏導表達式中三個偏導數相乘有",
        claim=(
            "The product of the three sigmoid derivatives is positive and at most a quarter "
            "cubed, written in decimals."
        ),
        verdict="confirmed",
        chapter="vanishing-gradients",
        section="sec-vanishing-chain-rule",
        claims=("vanishing.sigmoid_bound_3",),
        outline=("S2.5",),
    ),
    Statement(
        id="S2.small-product-lowers-loss",
        article="S2",
        location=_VANISHING,
        quote="這樣會減小損失函數的數值",
        claim="The small product of derivatives reduces the value of the loss function.",
        verdict="wrong",
        chapter="vanishing-gradients",
        section="sec-vanishing-chain-rule",
        claims=("vanishing.loss_step_ratio",),
        correction=(
            "The small product shrinks the gradient of the loss with respect to W1, and with it "
            "the updates of W1; it does not lower the loss. If anything the loss then decreases "
            "more slowly, because steps in W1 barely change it: to first order a gradient step "
            "lowers the loss by the rate times the squared gradient norm, far less for W1 than "
            "for the last layers."
        ),
        outline=(),
    ),
    Statement(
        id="S2.product-twenty-bound",
        article="S2",
        location=_VANISHING,
        quote="如果神經網絡是20層,則有",
        claim=(
            "With twenty layers the product of the sigmoid derivatives is positive and at "
            "most a quarter to the twentieth power, which the article gives in decimals to "
            "four significant digits."
        ),
        verdict="confirmed",
        chapter="vanishing-gradients",
        section="sec-vanishing-chain-rule",
        claims=("vanishing.sigmoid_bound_20",),
        outline=("S2.5",),
    ),
    Statement(
        id="S2.first-layer-gradient-small",
        article="S2",
        location=_VANISHING,
        quote="所以神經網絡後幾層求第一層參數W1的梯度就非常小",
        claim="Hence the gradient that reaches the first-layer weights W1 is very small.",
        verdict="confirmed",
        chapter="vanishing-gradients",
        section="sec-vanishing-measured",
        claims=("vanishing.init_ratio_sigmoid", "vanishing.init_factor_sigmoid"),
        outline=("S2.5",),
    ),
    Statement(
        id="S2.relu-meant-to-avoid-vanishing",
        article="S2",
        location=_VANISHING,
        quote="而ReLU函數就是為了避免梯度消失問題",
        claim="ReLU exists precisely to avoid the vanishing gradient problem.",
        verdict="imprecise",
        chapter="relu-family",
        section="sec-relu-family-depth",
        claims=("relu_family.depth_factor_xavier", "relu_family.depth_ratio_xavier"),
        correction=(
            "Avoiding vanishing gradients was one motive among several: "
            "{cite:t}`nair2010rectified` introduced rectified units in restricted Boltzmann "
            "machines, where they learned better features, and {cite:t}`glorot2011deep` argued "
            "from neuroscience and sparsity, naming the flow of gradients along active paths as "
            "one advantage. Nor does ReLU avoid them by itself: with Xavier weights the gradient "
            "still shrinks by {claim}`relu_family.depth_factor_xavier` per layer."
        ),
        outline=("S2.5",),
    ),
    Statement(
        id="S2.relu-path-of-ones",
        article="S2",
        location=_VANISHING,
        quote=(
            "只要神經網絡梯度中一條路徑上的導數都是1,那麼無論網絡有多少層,"
            "網絡後幾層的梯度都可以傳播到網絡前幾層"
        ),
        claim=(
            "Since ReLU's derivative is zero or one, a path on which every derivative is one "
            "carries the gradient from the last layers to the first through any depth."
        ),
        verdict="imprecise",
        chapter="vanishing-gradients",
        section="sec-vanishing-relu",
        claims=("vanishing.init_ratio_relu", "vanishing.init_explode_relu_normal"),
        correction=(
            "Along a path of active units the activation factors are exactly one, so the "
            "activation no longer shrinks the gradient with depth; but the weights on the path "
            "still multiply, so the gradient can still vanish or explode (standard normal "
            "weights make it explode, He initialization keeps it balanced), and units inactive "
            "on every input pass nothing back."
        ),
        outline=("S2.5",),
    ),
)
