"""Independent reference trajectories (torch.optim, optax, the AdaBound authors' step) in float64, in the format
of ../shared/reference/optim/trajectories.json but with other shapes (3-D, 1-element), parameter names, step count
and hyperparameters: evidence that ReferenceTrajectoryTest is data-driven. Needs torch, jax and optax (not part of
the build; never run by the tests).

    python3 variant_reference.py OUT.json [SEED [STEPS]]      # write a variant file
    python3 variant_reference.py --check SHARED.json          # re-run these engines on the shared file's problem
    mvn -o -pl optim test -Dtest=ReferenceTrajectoryTest -Dlookahead.optim.reference=OUT.json
"""
import json, math, sys
import numpy as np
import torch
import jax
jax.config.update("jax_enable_x64", True)
import jax.numpy as jnp
import optax

torch.set_default_dtype(torch.float64)
CHECK = sys.argv[1] == "--check"
seed = int(sys.argv[2]) if len(sys.argv) > 2 and not CHECK else 123
steps = int(sys.argv[3]) if len(sys.argv) > 3 else 45
rs = np.random.RandomState(seed)
order = ["kernel", "bias", "gain"]
shapes = {"kernel": [2, 3, 2], "bias": [5], "gain": [1]}
size = {n: int(np.prod(s, dtype=np.int64)) for n, s in shapes.items()}
init = {n: rs.randn(size[n]).tolist() for n in order}
A = {n: rs.uniform(0.3, 2.5, size[n]).tolist() for n in order}
C = {n: rs.randn(size[n]).tolist() for n in order}
noise = [{n: (0.3 * rs.randn(size[n])).tolist() for n in order} for _ in range(steps)]
if CHECK:  # the shared file's problem instead
    shared = json.load(open(sys.argv[2]))
    p = shared["problem"]
    steps, order, shapes = p["steps"], p["parameterOrder"], p["shapes"]
    init, A, C, noise = p["init"], p["A"], p["C"], p["noise"]
    size = {n: int(np.prod(s, dtype=np.int64)) for n, s in shapes.items()}

def grad_of(name, theta_flat, t):
    return np.array(A[name]) * (theta_flat - np.array(C[name])) + np.array(noise[t - 1][name])

class AdaBound(torch.optim.Optimizer):
    """The AdaBound authors' step (Luolc/AdaBound adabound.py), without amsbound."""
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), final_lr=0.1, gamma=1e-3, eps=1e-8, weight_decay=0):
        super().__init__(params, dict(lr=lr, betas=betas, final_lr=final_lr, gamma=gamma, eps=eps, weight_decay=weight_decay))
        self.base_lrs = [g["lr"] for g in self.param_groups]
    def step(self):
        for group, base_lr in zip(self.param_groups, self.base_lrs):
            for p in group["params"]:
                grad = p.grad.data
                state = self.state[p]
                if len(state) == 0:
                    state["step"] = 0
                    state["exp_avg"] = torch.zeros_like(p.data)
                    state["exp_avg_sq"] = torch.zeros_like(p.data)
                exp_avg, exp_avg_sq = state["exp_avg"], state["exp_avg_sq"]
                beta1, beta2 = group["betas"]
                state["step"] += 1
                if group["weight_decay"] != 0:
                    grad = grad.add(p.data, alpha=group["weight_decay"])
                exp_avg.mul_(beta1).add_(grad, alpha=1 - beta1)
                exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
                denom = exp_avg_sq.sqrt().add_(group["eps"])
                bc1 = 1 - beta1 ** state["step"]
                bc2 = 1 - beta2 ** state["step"]
                step_size = group["lr"] * math.sqrt(bc2) / bc1
                final_lr = group["final_lr"] * group["lr"] / base_lr
                lower = final_lr * (1 - 1 / (group["gamma"] * state["step"] + 1))
                upper = final_lr * (1 + 1 / (group["gamma"] * state["step"]))
                step_size = torch.full_like(denom, step_size)
                step_size.div_(denom).clamp_(lower, upper).mul_(exp_avg)
                p.data.add_(-step_size)

def torch_opt(name, h, params):
    g = dict(h)
    wd = g.pop("weightDecay", None)
    if name == "sgd":
        return torch.optim.SGD(params, lr=g["lr"], momentum=g.get("momentum", 0), dampening=g.get("dampening", 0),
                               nesterov=g.get("nesterov", False), weight_decay=wd or 0)
    betas = (g.get("beta1", 0.9), g.get("beta2", 0.999))
    if name == "adam":
        return torch.optim.Adam(params, lr=g["lr"], betas=betas, eps=g.get("eps", 1e-8), weight_decay=wd or 0, amsgrad=g.get("amsgrad", False))
    if name == "adamw":
        return torch.optim.AdamW(params, lr=g["lr"], betas=betas, eps=g.get("eps", 1e-8), weight_decay=0.01 if wd is None else wd, amsgrad=g.get("amsgrad", False))
    if name == "rmsprop":
        return torch.optim.RMSprop(params, lr=g["lr"], alpha=g.get("rho", 0.99), eps=g.get("eps", 1e-8), weight_decay=wd or 0,
                                   momentum=g.get("momentum", 0), centered=g.get("centered", False))
    if name == "adagrad":
        return torch.optim.Adagrad(params, lr=g["lr"], lr_decay=g.get("lrDecay", 0), weight_decay=wd or 0,
                                   initial_accumulator_value=g.get("initialAccumulator", 0), eps=g.get("eps", 1e-10))
    if name == "radam":
        return torch.optim.RAdam(params, lr=g["lr"], betas=betas, eps=g.get("eps", 1e-8), weight_decay=wd or 0)
    if name == "nadam":
        return torch.optim.NAdam(params, lr=g["lr"], betas=betas, eps=g.get("eps", 1e-8), weight_decay=wd or 0,
                                 momentum_decay=g.get("momentumDecay", 0.004))
    if name == "adabound":
        return AdaBound(params, lr=g["lr"], betas=betas, final_lr=g.get("finalLr", 0.1), gamma=g.get("gamma", 1e-3),
                        eps=g.get("eps", 1e-8), weight_decay=wd or 0)
    raise KeyError(name)

def run_torch(name, h):
    ps = {n: torch.tensor(init[n], dtype=torch.float64).reshape(shapes[n]).requires_grad_(True) for n in order}
    opt = torch_opt(name, h, [ps[n] for n in order])
    traj = []
    for t in range(1, steps + 1):
        for n in order:
            x = ps[n].detach().reshape(-1).numpy()
            ps[n].grad = torch.tensor(grad_of(n, x, t)).reshape(shapes[n])
        opt.step()
        traj.append({n: ps[n].detach().reshape(-1).tolist() for n in order})
    return traj

def optax_opt(name, h):
    g = dict(h)
    if name == "sgd":
        return optax.sgd(g["lr"], momentum=g.get("momentum") or None)
    if name == "adam":
        return optax.adam(g["lr"], b1=g.get("beta1", 0.9), b2=g.get("beta2", 0.999), eps=g.get("eps", 1e-8))
    if name == "novograd":
        return optax.novograd(g["lr"], b1=g.get("beta1", 0.9), b2=g.get("beta2", 0.25), eps=g.get("eps", 1e-6),
                              weight_decay=g.get("weightDecay", 0.0))
    raise KeyError(name)

def run_optax(name, h, wrap=None):
    inner = optax_opt(name, h)
    params = {n: jnp.array(init[n], dtype=jnp.float64).reshape(shapes[n]) for n in order}
    if wrap:
        la = wrap["lookahead"]
        opt = optax.lookahead(inner, sync_period=la["k"], slow_step_size=la["alpha"], reset_state=la["innerState"] == "reset")
        lp = optax.LookaheadParams.init_synced(params)
        state = opt.init(lp)
    else:
        opt = inner
        state = opt.init(params)
    traj, slow = [], []
    for t in range(1, steps + 1):
        cur = lp.fast if wrap else params
        grads = {n: jnp.array(grad_of(n, np.asarray(cur[n]).reshape(-1), t)).reshape(shapes[n]) for n in order}
        if wrap:
            updates, state = opt.update(grads, state, lp)
            lp = optax.apply_updates(lp, updates)
            traj.append({n: np.asarray(lp.fast[n]).reshape(-1).tolist() for n in order})
            slow.append({n: np.asarray(lp.slow[n]).reshape(-1).tolist() for n in order})
        else:
            updates, state = opt.update(grads, state, params)
            params = optax.apply_updates(params, updates)
            traj.append({n: np.asarray(params[n]).reshape(-1).tolist() for n in order})
    return traj, slow

if CHECK:
    worst = 0.0
    for c in shared["cases"]:
        if "wrap" in c:
            tr, sl = run_optax(c["optimizer"], c["hyper"], c["wrap"])
        elif c["source"].startswith("optax"):
            tr, sl = run_optax(c["optimizer"], c["hyper"])
        else:
            tr, sl = run_torch(c["optimizer"], c["hyper"]), None
        pairs = [(tr, c["trajectory"])] + ([(sl, c["slowTrajectory"])] if sl else [])
        err = max(abs(x - y) for a, b in pairs for t in range(steps) for n in order for x, y in zip(a[t][n], b[t][n]))
        worst = max(worst, err)
        print(c["name"], err)
    print("worst", worst)
    sys.exit(0)

cases = []
def add(name, opt, hyper, source, wrap=None):
    c = {"name": name, "optimizer": opt, "hyper": hyper, "source": source}
    if wrap:
        c["wrap"] = wrap
        c["trajectory"], c["slowTrajectory"] = run_optax(opt, hyper, wrap)
    elif source.startswith("optax"):
        c["trajectory"], _ = run_optax(opt, hyper)
    else:
        c["trajectory"] = run_torch(opt, hyper)
    cases.append(c)

add("sgd-wd-dampening", "sgd", {"lr": 0.07, "momentum": 0.6, "dampening": 0.5, "weightDecay": 0.03}, "torch.optim.SGD")
add("sgd-nesterov", "sgd", {"lr": 0.03, "momentum": 0.95, "nesterov": True}, "torch.optim.SGD")
add("sgd-plain", "sgd", {"lr": 0.2}, "torch.optim.SGD")
add("adam-b", "adam", {"lr": 0.03, "beta1": 0.5, "beta2": 0.9, "eps": 1e-4}, "torch.optim.Adam")
add("adam-amsgrad-wd", "adam", {"lr": 0.02, "amsgrad": True, "weightDecay": 0.2, "beta2": 0.95}, "torch.optim.Adam")
add("adamw-amsgrad", "adamw", {"lr": 0.02, "weightDecay": 0.3, "amsgrad": True, "beta1": 0.7}, "torch.optim.AdamW")
add("adamw-default-wd", "adamw", {"lr": 0.05}, "torch.optim.AdamW")
add("rmsprop-wd-momentum", "rmsprop", {"lr": 0.003, "rho": 0.8, "momentum": 0.5, "weightDecay": 0.1}, "torch.optim.RMSprop")
add("rmsprop-centered", "rmsprop", {"lr": 0.01, "centered": True, "eps": 1e-6}, "torch.optim.RMSprop")
add("adagrad-decay", "adagrad", {"lr": 0.3, "lrDecay": 0.05, "initialAccumulator": 0.2, "weightDecay": 0.02, "eps": 1e-8}, "torch.optim.Adagrad")
add("radam-wd", "radam", {"lr": 0.02, "beta1": 0.8, "beta2": 0.95, "weightDecay": 0.05}, "torch.optim.RAdam")
add("radam-default", "radam", {"lr": 0.1}, "torch.optim.RAdam")
add("nadam-psi", "nadam", {"lr": 0.02, "beta1": 0.85, "beta2": 0.98, "momentumDecay": 0.01, "weightDecay": 0.03}, "torch.optim.NAdam")
add("adabound-wd", "adabound", {"lr": 0.02, "finalLr": 0.3, "gamma": 0.05, "weightDecay": 0.01, "beta1": 0.8}, "AdaBound authors' code")
add("novograd-b", "novograd", {"lr": 0.03, "beta1": 0.7, "beta2": 0.5, "eps": 1e-7, "weightDecay": 0.02}, "optax.novograd")
add("novograd-default", "novograd", {"lr": 0.01}, "optax.novograd")
for opt, h in (("sgd", {"lr": 0.08}), ("sgd", {"lr": 0.04, "momentum": 0.8}), ("adam", {"lr": 0.02, "beta1": 0.8})):
    for k, a, s in ((7, 0.3, "none"), (2, 0.9, "reset"), (6, 0.65, "reset"), (1, 0.2, "none")):
        add("lookahead-%s-%s-k%d-a%s-%s" % (opt, "m" if "momentum" in h else "", k, a, s), opt, h,
            "optax.lookahead over optax." + opt, {"lookahead": {"k": k, "alpha": a, "innerState": s}})
add("lookahead-novograd", "novograd", {"lr": 0.02}, "optax.lookahead over optax.novograd", {"lookahead": {"k": 4, "alpha": 0.5, "innerState": "reset"}})

out = {"description": "independent variant (audit)",
       "problem": {"steps": steps, "parameterOrder": order, "shapes": shapes, "init": init, "A": A, "C": C,
                   "noise": noise, "gradient": "g_t(theta) = A * (theta - C) + noise[t-1], elementwise, row-major flattening"},
       "cases": cases}
json.dump(out, open(sys.argv[1], "w"))
print(len(cases), "cases")
