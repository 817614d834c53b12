"""S4: the statements of the article, in its order."""

from actbook.sources._register import Statement, register

register(
    # --- gradient descent and its step size ----------------------------------------------
    Statement(
        id="S4.gradient-descent-direction",
        article="S4",
        location="神經網絡的訓練過程包括前向傳播和反向傳播兩個部分…",
        quote="它的思路是把當前梯度的負值方向作為搜索方向,通過調整權重使目標函數趨近局部最小值",
        claim=(
            "Gradient descent takes the negative of the current gradient as its search "
            "direction and adjusts the weights so that the objective approaches a local minimum."
        ),
        verdict="confirmed",
        chapter="vanishing-gradients",
        section="sec-vanishing-step-size",
        outline=("S4.1",),
    ),
    Statement(
        id="S4.learning-rate-interval",
        article="S4",
        location="如上式所述,梯度下降算法…",
        quote="梯度下降算法用原權重減去乘上標量α(0到1之間)的梯度來更新權重",
        claim=(
            "Gradient descent updates the weights by subtracting the gradient times a scalar "
            "learning rate $\\alpha$ that lies between zero and one."
        ),
        verdict="imprecise",
        correction=(
            "The update rule is right, but the admissible rates depend on the curvature, not "
            "on the interval $(0, 1)$: on a quadratic of curvature $\\lambda$ gradient descent "
            "converges exactly when $0 < \\eta < 2/\\lambda$, so a rate below one can diverge "
            "and a rate above one can converge."
        ),
        claims=("vanishing.step_below_one_diverges", "vanishing.step_above_one_converges"),
        chapter="vanishing-gradients",
        section="sec-vanishing-step-size",
        outline=("S4.1",),
    ),
    Statement(
        id="S4.iterations-hyperparameter",
        article="S4",
        location="如上式所述,梯度下降算法…",
        quote="這個“重複”的迭代次數是一個人為選定的超參數",
        claim=(
            "In practice the number of iterations is a hyperparameter chosen by hand: too few "
            "and the result has not converged, too many and training goes on without end."
        ),
        verdict="convention",
        correction=(
            "Fixing the number of iterations in advance is one way to stop; training can also "
            "stop on a criterion, such as a gradient norm below a tolerance or a validation "
            "loss that no longer improves (early stopping)."
        ),
        chapter="vanishing-gradients",
        section="sec-vanishing-step-size",
        outline=("S4.1",),
    ),
    Statement(
        id="S4.step-size-tied-to-iterations",
        article="S4",
        location="那麼這個超參數是怎麼影響收斂的?…",
        quote="迭代時間越短,步長就越大",
        claim=(
            "The shorter the iteration budget, the larger the step size of gradient descent, "
            "and the longer the budget, the smaller the step."
        ),
        verdict="imprecise",
        correction=(
            "Step size and iteration count are separate hyperparameters, linked only through "
            "tuning. On a quadratic of curvature $\\lambda$ the best step, $1/\\lambda$, does "
            "not depend on the budget $T$; on a non-smooth loss such as $|x|$ the best constant "
            "step from a distance $d$ is $d/T$, which does shrink as the budget grows. Read "
            "the other way round it holds: a smaller step needs more iterations."
        ),
        chapter="vanishing-gradients",
        section="sec-vanishing-step-size",
        outline=("S4.1",),
    ),
    Statement(
        id="S4.large-step-inexact",
        article="S4",
        location="那麼這個超參數是怎麼影響收斂的?…",
        quote="雖然收斂速度很快,但它容易無法精確收斂到最後的最優解",
        claim=(
            "A large step converges fast but tends not to converge precisely to the optimum "
            "(a figure caption adds that large steps converge more efficiently)."
        ),
        verdict="imprecise",
        correction=(
            "Larger steps speed convergence only up to a point ($\\eta = 1/\\lambda$ on a "
            "quadratic of curvature $\\lambda$), and on a quadratic they diverge beyond "
            "$2/\\lambda$. A constant step that never settles exactly on the optimum is normal "
            "with stochastic gradients, on non-smooth losses (on $|x|$ it ends oscillating "
            "within $\\eta$ of the minimum) and on non-quadratic losses (on $\\sqrt{1 + x^2}$, "
            "the rate {claim}`vanishing.step_rate_above_one` ends in a two-cycle at "
            "$\\pm${claim}`vanishing.step_two_cycle`). Only on a smooth loss with exact "
            "gradients and $\\eta < 2/L$ does it converge exactly."
        ),
        claims=(
            "vanishing.step_below_one_diverges",
            "vanishing.step_rate_above_one",
            "vanishing.step_two_cycle",
        ),
        chapter="vanishing-gradients",
        section="sec-vanishing-step-size",
        outline=("S4.1",),
    ),
    Statement(
        id="S4.small-step-snail",
        article="S4",
        location="小步長收斂宛如“蝸牛”",
        quote="小步長收斂宛如“蝸牛”",
        claim=(
            "With a small step gradient descent converges at a snail's pace: the weights "
            "change little over many iterations."
        ),
        verdict="confirmed",
        claims=("vanishing.step_snail_remaining",),
        chapter="vanishing-gradients",
        section="sec-vanishing-step-size",
        outline=("S4.1",),
    ),
    # --- underflow -------------------------------------------------------------------------
    Statement(
        id="S4.underflow",
        article="S4",
        location="這還不是唯一的毛病…",
        quote="當梯度數值過小時,它容易被四捨五入為0,也就是下溢出",
        claim=(
            "A gradient that is too small can be rounded to zero (underflow), and arithmetic "
            "on it afterwards goes wrong."
        ),
        verdict="confirmed",
        claims=(
            "vanishing.underflow_float16",
            "vanishing.underflow_float32",
            "vanishing.underflow_float64",
        ),
        chapter="vanishing-gradients",
        section="sec-vanishing-underflow",
        outline=("S4.2",),
    ),
    # --- the sigmoid and its derivative --------------------------------------------------
    Statement(
        id="S4.sigmoid-probability",
        article="S4",
        location="如上圖所示,sigmoid的作用確實是有目共睹的…",
        quote="它能把任何輸入的閾值都限定在0到1之間,非常適合概率預測和分類預測",
        claim=(
            "The sigmoid maps any input to a value between zero and one (the article says "
            "'threshold' for the range), which suits probability and class predictions."
        ),
        verdict="confirmed",
        chapter="sigmoid-tanh",
        section="sec-sigmoid-tanh-probability",
        outline=("S4.3",),
    ),
    Statement(
        id="S4.relu-first-choice",
        article="S4",
        location="如上圖所示,sigmoid的作用確實是有目共睹的…",
        quote="凡是提及激活函數,大家第一個想到的就是ReLU",
        claim=(
            "In recent years the sigmoid and tanh have fallen out of favour, and ReLU is the "
            "first activation function everyone thinks of."
        ),
        verdict="imprecise",
        correction=(
            "ReLU is the default for the hidden layers of feedforward and convolutional "
            "networks, but the sigmoid and tanh have not fallen out of use: the sigmoid is "
            "the standard output for probabilities and the gate of LSTM and GRU units, and "
            "tanh their candidate state."
        ),
        section="sec-relu-family-choosing",
        chapter="relu-family",
    ),
    Statement(
        id="S4.sigmoid-vanishing-synonym",
        article="S4",
        location="因為sigmoid幾乎就是梯度消失的代名詞…",
        quote="因為sigmoid幾乎就是梯度消失的代名詞",
        claim="The sigmoid is almost a synonym for vanishing gradients.",
        verdict="confirmed",
        claims=(
            "vanishing.init_ratio_sigmoid",
            "vanishing.init_ratio_tanh",
            "vanishing.init_ratio_relu",
        ),
        chapter="vanishing-gradients",
        section="sec-vanishing-measured",
    ),
    Statement(
        id="S4.sigmoid-derivative",
        article="S4",
        location="因為sigmoid幾乎就是梯度消失的代名詞…",
        quote="這看起來就是個很普通的 s(1-s) 算式",
        claim="The derivative of the sigmoid $s$ is $s\\,(1 - s)$.",
        verdict="confirmed",
        claims=("sigmoid_tanh.sigmoid_derivative_fd_error",),
        chapter="sigmoid-tanh",
        section="sec-sigmoid-tanh-derivatives",
        outline=("S4.3",),
    ),
    Statement(
        id="S4.sigmoid-derivative-range",
        article="S4",
        location="仔細看一看,還是沒問題嗎?…",
        quote="最大值只有1/4,最小值無限接近0,換言之,這個導數的閾值是(0, 1/4]",
        claim=(
            "The sigmoid's derivative has maximum one quarter and comes arbitrarily close to "
            "zero, so its values fill the interval from zero (excluded) to one quarter "
            "(included)."
        ),
        verdict="confirmed",
        claims=(
            "sigmoid_tanh.sigmoid_derivative_max",
            "sigmoid_tanh.sigmoid_derivative_min_20",
            "sigmoid_tanh.float64_zero_derivative_x",
        ),
        chapter="sigmoid-tanh",
        section="sec-sigmoid-tanh-saturation",
        outline=("S4.3",),
    ),
    # --- the chain of sigmoid neurons ----------------------------------------------------
    Statement(
        id="S4.gradient-descent-global-optimum",
        article="S4",
        location="我們可以利用權重的導數來進行梯度下降…",
        quote="我們可以利用權重的導數來進行梯度下降,繼而迭代出全局最優點",
        claim=(
            "Gradient descent on the weight derivatives iterates to the global optimum of "
            "the network."
        ),
        verdict="wrong",
        correction=(
            "Gradient descent stops at best at a stationary point, usually a local minimum, and "
            "which one depends on the start: on $f(x) = x^4 - 2x^2 + x/2$, small steps from "
            "$x = 1$ settle in the local minimum at positive $x$, not in the lower one at "
            "negative $x$. Only for convex losses is every local minimum global; a network's "
            "loss is not convex, as the article's own opening (a local minimum) says."
        ),
        claims=(
            "vanishing.descent_local_x",
            "vanishing.descent_global_x",
            "vanishing.descent_loss_gap",
        ),
        chapter="vanishing-gradients",
        section="sec-vanishing-step-size",
    ),
    Statement(
        id="S4.gradient-product",
        article="S4",
        location="由於上一層的輸出乘上激活函數就是下一層的輸入…",
        quote="所以上式其實還包含sigmoid的導數",
        claim=(
            "In a chain where each neuron multiplies the previous activation by a weight and "
            "applies the sigmoid, the derivative of the cost with respect to the first weight "
            "is a product of the later weights and one sigmoid derivative per neuron."
        ),
        verdict="confirmed",
        chapter="vanishing-gradients",
        section="sec-vanishing-exploding",
        outline=("S4.4",),
    ),
    Statement(
        id="S4.product-of-fractions",
        article="S4",
        location="之前我們已經對sigmoid求過導了…",
        quote="兩個0到1之間的小數相乘,積小於任一乘數",
        claim=(
            "The product of two numbers between zero and one is smaller than either factor, "
            "so multiplying sigmoid derivatives shrinks the gradient."
        ),
        verdict="confirmed",
        claims=("vanishing.sigmoid_bound_3",),
        chapter="vanishing-gradients",
        section="sec-vanishing-chain-rule",
        outline=("S4.4",),
    ),
    Statement(
        id="S4.standard-normal-init-typical",
        article="S4",
        location="之前我們已經對sigmoid求過導了…",
        quote="權重初始化的一般方法是權重的選擇要服從均值=0,方差=1的正態分佈",
        claim=(
            "In a typical neural network the usual initialization draws the weights from a "
            "normal distribution with mean zero and variance one."
        ),
        verdict="wrong",
        chapter="initialization",
        correction=(
            "The initializations in use scale the variance with the fan-in (LeCun's, Xavier's, "
            "He's), and so do the libraries' defaults (PyTorch's Linear layer: the uniform "
            "fan-in law; Keras's Dense layer: Xavier's uniform law). With unit variance a "
            "pre-activation's standard deviation grows like the square root of the fan-in, and many sigmoid and "
            "tanh units start saturated: {claim}`initialization.digits_normal_saturated_tanh` "
            "of the tanh units of a first layer on the digits."
        ),
        claims=(
            "initialization.digits_normal_saturated_tanh",
            "initialization.wide_normal_saturated_tanh",
        ),
        section="sec-initialization-normal",
        outline=("S4.4",),
    ),
    Statement(
        id="S4.standard-normal-within-one",
        article="S4",
        location="之前我們已經對sigmoid求過導了…",
        quote="因此這些初始權重的閾值是[-1, 1]",
        claim=(
            "Weights drawn from the standard normal distribution therefore lie between minus "
            "one and one."
        ),
        verdict="wrong",
        correction=(
            "The normal distribution is unbounded: a standard normal weight lies in "
            "$[-1, 1]$ only about two times in three. For S4's chain of sigmoid neurons the "
            "conclusion survives for another reason: a factor $|w\\,\\sigma'(z)|$ can exceed "
            "one only if $|w|$ exceeds {claim}`vanishing.explode_min_weight`, which a standard "
            "normal weight very rarely is: in bias-free "
            "chains drawn with standard normal weights no factor exceeds one and the gradient "
            "vanishes."
        ),
        claims=(
            "vanishing.normal_within_one",
            "vanishing.normal_beyond_four",
            "vanishing.normal_chain_max_factor",
            "vanishing.normal_chain_median_gradient",
        ),
        chapter="vanishing-gradients",
        section="sec-vanishing-exploding",
        outline=("S4.4",),
    ),
    Statement(
        id="S4.weights-above-one-insufficient",
        article="S4",
        location="即便不用常規權重初始化方法…",
        quote="即便不用常規權重初始化方法,w2和w3大於1,但它們對兩個sigmoid導數相乘來說還是杯水車薪",
        claim=(
            "Even weights larger than one cannot make up for the product of two sigmoid "
            "derivatives: the gradient stays too small."
        ),
        verdict="imprecise",
        correction=(
            "Since $|w\\,\\sigma'(z)| \\le |w|/4$, weights between one and "
            "{claim}`vanishing.explode_min_weight` cannot make up for the derivatives, but larger "
            "weights can where $\\sigma'(z_k) > 1/|w_k|$ (for $|w|$ = "
            "{claim}`vanishing.chain_weight_limit`, where $|z|$ is below "
            "{claim}`vanishing.explode_window_steep`): with biases that centre the "
            "pre-activations every factor is $w/4$, and even without biases, with the input on "
            "the fixed point of $a \\mapsto \\sigma(w a)$, $w \\approx$ "
            "{claim}`vanishing.chain_balanced_weight` gives factors of exactly $-1$, and "
            "$w =$ {claim}`vanishing.chain_steep_weight` gives $z =$ "
            "{claim}`vanishing.chain_fixed_point_z` and factors of "
            "{claim}`vanishing.chain_factor_steep`."
        ),
        claims=(
            "vanishing.explode_min_weight",
            "vanishing.chain_weight_limit",
            "vanishing.explode_window_steep",
            "vanishing.chain_balanced_weight",
            "vanishing.chain_steep_weight",
            "vanishing.chain_fixed_point_z",
            "vanishing.chain_factor_steep",
        ),
        chapter="vanishing-gradients",
        section="sec-vanishing-exploding",
        outline=("S4.4",),
    ),
    Statement(
        id="S4.random-weights-below-one",
        article="S4",
        location="即便不用常規權重初始化方法…",
        quote="而在實際操作中,隨機權重是很可能小於1的,所以那時它反而是在助紂為虐",
        claim=(
            "In practice random weights are likely smaller than one in magnitude, which makes "
            "each factor of the product smaller still."
        ),
        verdict="confirmed",
        claims=("vanishing.normal_within_one", "vanishing.normal_chain_median_gradient"),
        chapter="vanishing-gradients",
        section="sec-vanishing-exploding",
        outline=("S4.4",),
    ),
    Statement(
        id="S4.deep-network-vanishes",
        article="S4",
        location="這還只有2個隱藏層…",
        quote="如果這是一個工業級的深層神經網絡,那麼當它在執行反向傳播時,這個梯度會變得有多小",
        claim=(
            "In a deep sigmoid network the back-propagated gradient becomes far smaller still, "
            "small enough to vanish altogether."
        ),
        verdict="confirmed",
        claims=(
            "vanishing.sigmoid_bound_20",
            "vanishing.init_ratio_sigmoid",
            "vanishing.underflow_float32",
        ),
        chapter="vanishing-gradients",
        section="sec-vanishing-measured",
        outline=("S4.4",),
    ),
    Statement(
        id="S4.exploding-derivatives",
        article="S4",
        location="這還只有2個隱藏層…",
        quote="如果我們把然激活函數導數的絕對值控制在大於1,那這個連乘操作也很嚇人,結果會無限大",
        claim=(
            "If the activation's derivative were kept above one in absolute value, the "
            "product would grow without bound: the gradient explodes."
        ),
        verdict="imprecise",
        correction=(
            "What must exceed one in magnitude is each factor $w_k\\,\\sigma'(z_k)$, weight "
            "times derivative, not the derivative alone; a sigmoid's derivative never exceeds "
            "$1/4$, so a sigmoid chain explodes only where $|w_k|$ exceeds "
            "{claim}`vanishing.explode_min_weight` and $\\sigma'(z_k) > 1/|w_k|$ (for $|w|$ = "
            "{claim}`vanishing.chain_weight_limit`, where $|z|$ is below "
            "{claim}`vanishing.explode_window_steep`). The product then grows geometrically, "
            "without bound as the chain deepens."
        ),
        claims=(
            "vanishing.explode_min_weight",
            "sigmoid_tanh.sigmoid_derivative_max",
            "vanishing.chain_weight_limit",
            "vanishing.explode_window_steep",
            "vanishing.chain_factor_steep",
        ),
        chapter="vanishing-gradients",
        section="sec-vanishing-exploding",
        outline=("S4.4",),
    ),
    # --- the first layer -----------------------------------------------------------------
    Statement(
        id="S4.first-layer-smallest-gradient",
        article="S4",
        location="第一項權重距離誤差項J最遠…",
        quote="第一項權重距離誤差項J最遠,因此求導後它的表達式最長,也包含更多sigmoid函數,計算結果更小",
        claim=(
            "The first weight is furthest from the cost, so its derivative has the longest "
            "expression, holds the most sigmoid derivatives and is the smallest."
        ),
        verdict="confirmed",
        claims=("vanishing.init_ratio_sigmoid", "vanishing.train_speed_ratio"),
        chapter="vanishing-gradients",
        section="sec-vanishing-training",
        outline=("S4.5",),
    ),
    Statement(
        id="S4.first-layer-trains-longest",
        article="S4",
        location="第一項權重距離誤差項J最遠…",
        quote="所以神經網絡的第一層往往是訓練時間最長的一層",
        claim="The first layer of a neural network is often the one that takes longest to train.",
        verdict="imprecise",
        correction=(
            "In a deep sigmoid network near initialization the first layer's gradient is far "
            "smaller, so it starts slowest; but once the network trains the gap can close and "
            "even reverse (on two moons the first layer ends up learning faster than the last), "
            "and with ReLU and He weights the layers' gradients differ by only a small factor."
        ),
        claims=(
            "vanishing.init_ratio_sigmoid",
            "vanishing.train_moons_even_epoch",
            "vanishing.train_moons_last_ratio",
            "vanishing.init_ratio_relu",
        ),
        chapter="vanishing-gradients",
        section="sec-vanishing-training",
        outline=("S4.5",),
    ),
    Statement(
        id="S4.first-layer-foundation",
        article="S4",
        location="第一項權重距離誤差項J最遠…",
        quote="如果這一層不夠準確,那就會產生連鎖反應,直接拉低整個網絡的性能",
        claim=(
            "Every later layer builds on the first, so a first layer that is not accurate "
            "enough sets off a chain reaction that lowers the performance of the whole network."
        ),
        verdict="unsupported",
        correction=(
            "The article gives no evidence. Later layers see the input only through the first "
            "layer, so what it discards is lost to them; but that an imprecise first layer "
            "lowers the performance of the whole network is not shown. The book's run on the "
            "XOR clusters has first layers that barely move in a network that stays at chance, "
            "which fits the claim without separating cause from effect."
        ),
        claims=("vanishing.train_xor_accuracy", "vanishing.xor_baseline_accuracy"),
        chapter="vanishing-gradients",
        section="sec-vanishing-training",
        outline=("S4.5",),
    ),
    Statement(
        id="S4.deep-networks-rejected",
        article="S4",
        location="這就也是神經網絡,尤其是深層神經網絡一開始並不為行業所接受的原因…",
        quote="這就也是神經網絡,尤其是深層神經網絡一開始並不為行業所接受的原因",
        claim=(
            "This is why neural networks, deep ones especially, were at first not accepted: "
            "the flaws of the activation function and the lack of computing power kept "
            "researchers from training the first layers properly."
        ),
        verdict="imprecise",
        correction=(
            "Vanishing gradients were identified early as an obstacle to training deep and "
            "recurrent networks {cite:p}`hochreiter1991untersuchungen,bengio1994learning`, "
            "{cite:t}`glorot2010understanding` traced part of it to sigmoid units with badly "
            "scaled initial weights, and the cost of computation limited experiments "
            "{cite:p}`goodfellow2016deep`. But these were not the only causes: the same history "
            "credits "
            "kernel machines and graphical models, which did well on many tasks, with the "
            "decline of neural networks, and the article gives no source for the industry's "
            "reception."
        ),
        chapter="vanishing-gradients",
        section="ch-vanishing",
    ),
    # --- tanh ----------------------------------------------------------------------------
    Statement(
        id="S4.tanh-identity",
        article="S4",
        location="看到這裡,我們應該都已經理解sigmoid函數的缺點了…",
        quote="考慮到tanh(x)=2sigmoid(2x)-1",
        claim="tanh(x) equals twice the sigmoid of twice x, minus one.",
        verdict="confirmed",
        claims=("sigmoid_tanh.tanh_identity_error",),
        chapter="sigmoid-tanh",
        section="sec-sigmoid-tanh-identity",
    ),
    Statement(
        id="S4.tanh-same-problem",
        article="S4",
        location="看到這裡,我們應該都已經理解sigmoid函數的缺點了…",
        quote="它肯定也存在同樣的問題",
        claim=(
            "Because tanh is a rescaled sigmoid, it surely has the same vanishing-gradient "
            "problem as the sigmoid."
        ),
        verdict="imprecise",
        correction=(
            "tanh saturates like the sigmoid, so its gradients can vanish too, but the identity "
            "gives $\\tanh'(x) = 4\\sigma'(2x)$, with peak $1$ instead of $1/4$: near zero a "
            "tanh unit passes the gradient almost unchanged, and with Xavier weights a deep "
            "tanh network loses only a small factor between its last and first hidden layers, "
            "where a sigmoid network loses several orders of magnitude."
        ),
        claims=(
            "sigmoid_tanh.tanh_derivative_max",
            "vanishing.init_ratio_tanh",
            "vanishing.init_ratio_sigmoid",
        ),
        chapter="vanishing-gradients",
        section="sec-vanishing-measured",
    ),
    # --- ReLU ----------------------------------------------------------------------------
    Statement(
        id="S4.relu-definition",
        article="S4",
        location="首先,ReLU是一個分段函數…",
        quote="當輸入小於0時,函數輸出0;當輸入大於零時,函數輸出x",
        claim=(
            "ReLU is a piecewise function (also written as the maximum of zero and x): zero "
            "for negative inputs, x for positive inputs."
        ),
        verdict="confirmed",
        chapter="vanishing-gradients",
        section="sec-vanishing-relu",
        outline=("S4.6",),
    ),
    Statement(
        id="S4.relu-not-differentiable-at-zero",
        article="S4",
        location="然後是它的圖像…",
        quote="它在0點不可微,所以當x=0時,圖中y軸上應該是兩個空心圓",
        claim=(
            "ReLU is not differentiable at zero, so the graph of its derivative should show "
            "two open circles on the y axis at x equal to zero."
        ),
        verdict="confirmed",
        chapter="vanishing-gradients",
        section="sec-vanishing-relu",
        outline=("S4.6",),
    ),
    Statement(
        id="S4.relu-derivative-zero-or-one",
        article="S4",
        location="可以發現,導數的閾值終於不再是(0, 1)了…",
        quote="導數的閾值終於不再是(0, 1)了,它好像可以避免梯度消失",
        claim=(
            "ReLU's derivative is zero or one instead of a fraction strictly between them, "
            "so it seems able to avoid vanishing gradients."
        ),
        verdict="confirmed",
        claims=("vanishing.init_ratio_relu",),
        chapter="vanishing-gradients",
        section="sec-vanishing-relu",
        outline=("S4.6",),
    ),
    Statement(
        id="S4.relu-dead-neuron",
        article="S4",
        location="可以發現,導數的閾值終於不再是(0, 1)了…",
        quote="當我們把一個負值輸入到ReLU函數後,梯度為0,這時這個神經元就“壞死”了",
        claim="A negative input gives ReLU a zero gradient, and the neuron then 'dies'.",
        verdict="imprecise",
        chapter="relu-family",
        section="sec-relu-family-dying",
        claims=("relu_family.relu_zero_init_1",),
        correction=(
            "A negative input zeroes the gradient for that input only; at initialization about "
            "half of all (input, unit) pairs have a negative pre-activation "
            "({claim}`relu_family.relu_zero_init_1` in the first hidden layer of the digits "
            "network), and the units train. A unit dies when its pre-activation is at most zero "
            "for every training input."
        ),
        outline=("S4.6",),
    ),
    Statement(
        id="S4.relu-negative-weights",
        article="S4",
        location="可以發現,導數的閾值終於不再是(0, 1)了…",
        quote="如果存在負數權重,那某些神經元可能永遠不會被激活,導致相應參數永遠不會被更新",
        claim=(
            "If there are negative weights, some neurons may never be activated, so that their "
            "parameters are never updated."
        ),
        verdict="imprecise",
        chapter="relu-family",
        section="sec-relu-family-dying",
        claims=(
            "relu_family.negative_share_alive",
            "relu_family.born_dead_raw",
            "relu_family.born_dead_centred",
            "relu_family.dead_bias_mean",
        ),
        correction=(
            "Every layer starts with about half of its weights negative. What kills a unit is a "
            "pre-activation at most zero on every input, which depends on the weights, the bias "
            "and the data together: on the digits, whose pixels are never negative, "
            "{claim}`relu_family.born_dead_raw` of random first-layer units were dead from the "
            "start; with centred pixels, {claim}`relu_family.born_dead_centred`. In training, "
            "the units that died at large steps ended with their biases far below those of the "
            "living units."
        ),
        outline=("S4.6",),
    ),
    Statement(
        id="S4.relu-partial-vanishing",
        article="S4",
        location="可以發現,導數的閾值終於不再是(0, 1)了…",
        quote="從某種意義上來說,ReLU還是存在部分梯度消失問題",
        claim="In a sense ReLU still has a partial vanishing-gradient problem, through dead units.",
        verdict="confirmed",
        chapter="relu-family",
        section="sec-relu-family-dying",
        claims=("relu_family.revived_1", "relu_family.depth_factor_xavier"),
        outline=("S4.6",),
    ),
    # --- Leaky ReLU and the conclusion ---------------------------------------------------
    Statement(
        id="S4.leaky-relu-slope",
        article="S4",
        location="既然ReLU的“梯度消失”源於它的閾值0…",
        quote="那麼我們可以把它重設成一個0到1之間的具體小數",
        claim=(
            "Leaky ReLU replaces ReLU's zero slope for negative inputs by a small constant "
            "between zero and one, so that negative inputs keep a small gradient and the "
            "network can go on learning."
        ),
        verdict="confirmed",
        claims=("relu_variants.maas_slope",),
        section="sec-relu-family-leaky",
        chapter="relu-family",
        outline=("S4.7",),
    ),
    Statement(
        id="S4.leaky-relu-common-range",
        article="S4",
        location="上式中的ε=0.01…",
        quote="上式中的ε=0.01,但它最常見的範圍是0.2-0.3",
        claim=(
            "The article's formula uses a slope epsilon of one hundredth for negative inputs, "
            "but says the most common range of the slope is from a fifth to three tenths."
        ),
        verdict="imprecise",
        correction=(
            "The two ends are the defaults of TensorFlow's `tf.nn.leaky_relu` "
            "({claim}`relu_variants.tensorflow_leaky_slope`) and of the Keras layer "
            "`LeakyReLU` ({claim}`relu_variants.keras_leaky_slope`); Maas et al. and PyTorch "
            "use {claim}`relu_variants.maas_slope`. No count of the slopes used in practice "
            "shows which is most common."
        ),
        claims=(
            "relu_variants.maas_slope",
            "relu_variants.pytorch_leaky_slope",
            "relu_variants.tensorflow_leaky_slope",
            "relu_variants.keras_leaky_slope",
        ),
        section="sec-relu-family-leaky",
        chapter="relu-family",
        outline=("S4.7",),
    ),
    Statement(
        id="S4.relu-eases-not-cures",
        article="S4",
        location="所以總的來說,ReLU並沒有根治梯度消失這個問題…",
        quote="ReLU並沒有根治梯度消失這個問題,它只是在一定程度上緩解了矛盾",
        claim=(
            "ReLU does not cure vanishing gradients; it only eases the problem, and it brings "
            "a new problem of its own."
        ),
        verdict="confirmed",
        claims=("vanishing.init_ratio_relu", "vanishing.init_ratio_sigmoid"),
        chapter="vanishing-gradients",
        section="sec-vanishing-relu",
        outline=("S4.7",),
    ),
    Statement(
        id="S4.cnn-relu-rnn-tanh",
        article="S4",
        location="所以總的來說,ReLU並沒有根治梯度消失這個問題…",
        quote="CNN用ReLU更常見,而RNN大多用tanh",
        claim=(
            "That is why these activations still coexist: convolutional networks mostly use "
            "ReLU, recurrent networks mostly tanh."
        ),
        verdict="imprecise",
        correction=(
            "Roughly right for convolutional networks. Recurrent networks' gated units use "
            "tanh for the candidate state and the sigmoid for the gates, and the reason is "
            "not the trade-off of dead units: a state fed back at every step benefits from a "
            "bounded activation, which ReLU is not; ReLU recurrent networks train when started "
            "with care, such as Le et al.'s identity initialization."
        ),
        claims=("relu_variants.recurrence_relu_growth", "relu_variants.recurrence_tanh_max"),
        section="sec-relu-family-recurrent",
        chapter="relu-family",
        outline=("S4.7",),
    ),
)
