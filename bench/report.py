"""Renders bench/run's results as Markdown tables, prints them, and with --doc writes them into a Markdown file
between its `<!-- bench:begin -->` and `<!-- bench:end -->` lines.

    python3 bench/report.py RESULTS_DIR [--doc docs/performance.md]
"""
import json
import os
import re
import sys

results = sys.argv[1]
doc = sys.argv[sys.argv.index("--doc") + 1] if "--doc" in sys.argv else None

v = {}
with open(os.path.join(results, "values.tsv")) as f:
    for line in f:
        key, _, value = line.rstrip("\n").partition("\t")
        v[key] = value


def load(name):
    path = os.path.join(results, name)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def num(key):
    return float(v[key]) if key in v and v[key] != "" else None


def s(ms):
    return f"{ms / 1000:.1f} s" if ms is not None else "-"


def x(ratio):
    return f"{ratio:.2f}x" if ratio is not None else "-"


def holds(ok):
    return "**holds**" if ok else "**does not hold**"


quick = v.get("mode") == "quick"
out = []
out.append(f"Measured {v['date']} on commit `{v['commit']}` by `bench/run{' --quick' if quick else ''}` "
           f"({'quick' if quick else 'full'} run, {int(num('totalSeconds'))} s).")
out.append("")
out.append(f"Machine: {v['nproc']} cores ({v['cpu']}), {v['ram']} RAM, {v['java']}, {v['python']}, "
           f"moto {v['moto']}, awscli {v['awscli']}. Load average (1, 5, 15 min) {v['loadBefore']} before the run, "
           f"{v['loadAfter']} after it: the cores are shared with other work, so wall times vary from run to run.")
out.append("")

# 1 and 2 -----------------------------------------------------------------------------------------------
manual, apply_ms = num("manualMs"), num("applyMs")
resources = int(num("resources"))
latency = load("latency.json")
floor = load("floor.json")
help_ms = num("helpMs")
floor_ms = help_ms + latency["readMeanMs"] + floor["chainMs"] if floor and latency else None
out.append("### 1-2. The reference stack on moto")
out.append("")
out.append("| | wall | API calls | requests moto answered |")
out.append("|---|---|---|---|")
out.append(f"| the AWS CLI way (`bench/manual-deploy.sh`, docs/cookbook.md steps 0, 3-12) | {s(manual)} | "
           f"{v['manualCommands']} `aws` commands | {v['manualRequests']} |")
out.append(f"| `./cruddur apply --target aws` ({resources} resources) | {s(apply_ms)} | {v['applyReads']} reads, "
           f"{v['applyWrites']} writes, {v['applyLease']} on the lease | {v['applyRequests']} |")
out.append(f"| its floor: JVM start (`./cruddur --help`, {s(help_ms)}) + one round of reads "
           f"({latency['readMeanMs']:.0f} ms) + the longest chain of dependent calls with moto's 2 s certificate "
           f"delay ({s(floor['chainMs'])}) | {s(floor_ms)} | | |")
out.append(f"| no-op re-apply (median of {len(v['reapplyMsAll'].split())}: {v['reapplyMsAll']} ms) | "
           f"{s(num('reapplyMs'))} | {v['reapplyReads']} reads, {v['reapplyWrites']} writes "
           f"{v.get('reapplyWriteOps', '')} | |")
out.append(f"| no-op `plan` | {s(num('planMs'))} | {v['planReads']} reads | |")
if floor and "memoryNoopCalls" in floor:
    out.append(f"| no-op re-apply on the in-memory cloud (same engine, a backend that keeps every setting; wall: "
               f"`./cruddur apply --yes cruddur` on the local target, median of {len(v.get('localReapplyMsAll', '').split())}: "
               f"{v.get('localReapplyMsAll', '?')} ms) | {s(num('localReapplyMs')) if 'localReapplyMs' in v else ''} | "
               f"{floor['memoryNoopCalls'] - floor['memoryNoopWrites']} port reads, {floor['memoryNoopWrites']} "
               f"writes ({v.get('localReapplySummary', '').strip()}) | |")
out.append("")
out.append(f"Both ways start from a fresh moto prepared alike (`bench/moto_prep.py`: one read per service, then "
           f"the five secret parameters). Mean SDK call latency on moto, warm: reads {latency['readMeanMs']} ms, "
           f"writes {latency['writeMeanMs']} ms, ACM's RequestCertificate {latency.get('requestCertificateMeanMs', '?')} "
           f"ms (moto makes a key pair for each; the floor's chain counts it at that latency); "
           f"`java -version` takes {s(num('javaVersionMs'))}. The floor's "
           f"chain ({floor['writes']} writes counted step by step on the in-memory cloud): "
           + " -> ".join(re.sub(r" \(ends (\d+) ms\)", r" (\1 ms)", p) for p in floor["path"]) + ".")
out.append("")
out.append(f"The AWS CLI way's slowest commands: {v.get('manualSlowest', '-')}. Each `aws` command starts a Python "
           f"interpreter; `aws acm wait certificate-validated` polls every 60 s and `aws ecs wait services-stable` "
           f"every 15 s, so a wait whose first poll comes before moto's 2 s certificate delay costs a whole "
           f"interval (the manual way's wall time is bimodal for that reason).")
out.append("")
ph = load("phases.json")
if ph:
    def calls(key):
        c = ph[key]
        return f"{c['reads']} reads, {c['writes']} writes, {c['callMs']} ms in calls"
    out.append(f"Where an apply's time goes (`Bench phases`: the CLI's apply done in one fresh JVM with the "
               f"launcher's JVM flags and class-data archive, on a moto the training plan had read (nothing "
               f"created), each phase timed; call time summed over threads): JVM start to `main` "
               f"{ph['jvmToMainMs']} ms; loading `stacks/cruddur.java` (from the compiled cache) {ph['loadStackFileMs']} ms; building the AWS "
               f"clients {ph['buildClientsMs']} ms ({calls('buildClientsCalls')}); the stack's lease "
               f"{ph['leaseMs']} ms ({calls('leaseCalls')}); the plan {ph['planMs']} ms ({calls('planCalls')}); "
               f"the apply {ph['applyMs']} ms ({calls('applyCalls')}); releasing the lease {ph['releaseMs']} ms; "
               f"{s(ph['jvmToEndMs'])} in all. The certificate's wait polls at once, then after 250 ms, each delay 1.2 "
               f"times the one before: in the CLI's apply above it took {v.get('certWaitS') or '?'} s, for a "
               f"certificate moto issues 2 s after its request (the wait starts once the validation record is in).")
    out.append("")
else:
    out.append("Where an apply's time goes (`Bench phases`) is measured in the full run only.")
    out.append("")

# 3 -----------------------------------------------------------------------------------------------------
sim = load("simulate.json")
out.append(f"### 3. Simulated AWS time ({sim['profile']} profile, median of {sim['repeats']} runs)")
out.append("")
out.append("| | steps | simulated (range) | critical path | ratio |")
out.append("|---|---|---|---|---|")
sim_ratios = {}
for key, label in (("deploy", "first deploy"), ("update", "image update (both services)"), ("destroy", "destroy")):
    r = sim[key]
    ratio = r["simulatedSeconds"] / r["criticalPathSeconds"] if r["criticalPathSeconds"] else None
    sim_ratios[label] = ratio
    out.append(f"| {label} | {r['steps']} | {r['simulatedSeconds']:.0f} s ({r['simulatedMinSeconds']:.0f}-"
               f"{r['simulatedMaxSeconds']:.0f} s) | {r['criticalPathSeconds']:.0f} s | {x(ratio)} |")
out.append("")
for key, label in (("deploy", "First deploy"), ("destroy", "Destroy")):
    steps = [f"{p['step']} ({p['modelEndSeconds']:.0f} s / "
             + (f"{p['simulatedEndSeconds']:.0f} s)" if p['simulatedEndSeconds'] is not None else "-)")
             for p in sim[key]["path"]]
    out.append(f"{label}'s critical path (modelled end / simulated end): " + " -> ".join(steps) + ".")
    out.append("")

# 4 -----------------------------------------------------------------------------------------------------
out.append("### 4. Scale: plan plus apply on the in-memory cloud")
out.append("")
out.append("| stack | profile | services | resources | cold: plan + apply | per service | warm (best) | "
           "per service | peak heap | live after | max RSS |")
out.append("|---|---|---|---|---|---|---|---|---|---|---|")
scale = {}
runs = [load(n) | {"file": n} for n in os.listdir(results) if n.startswith("scale-") and n.endswith(".json")]
# Instant first, routed before Service Connect, by size.
runs.sort(key=lambda d: (d["profile"] != "instant", "routed" not in d["stack"], int(d["stack"].split("-")[-1])))
for d in runs:
    name = d["file"]
    rss_file = os.path.join(results, name + ".rss")
    rss = None
    if os.path.exists(rss_file):
        lines = [l for l in open(rss_file).read().split() if l.isdigit()]
        rss = int(lines[-1]) / 1024 if lines else None
    scale[(d["stack"], d["profile"])] = d
    if "timedOutSeconds" in d:
        out.append(f"| {d['stack']} | {d['profile']} | | | did not finish in {d['timedOutSeconds']} s | | | | | | |")
        continue
    n = d["services"]
    warm = d.get("warmMs")
    out.append(f"| {d['stack']} | {d['profile']} | {n} | {d['resources']} | {d['coldMs']} ms ({d['coldPlanMs']} + "
               f"{d['coldApplyMs']}) | {d['coldMs'] / n:.1f} ms | "
               + (f"{warm} ms ({d['warmPlanMs']} + {d['warmApplyMs']}) | {warm / n:.1f} ms" if warm is not None
                  else "- | -")
               + f" | {d['peakHeapMb']:.0f} MB | {d['liveHeapMb']:.0f} MB | "
               + (f"{rss:.0f} MB" if rss else "-") + " |")
out.append("")
out.append("Cold: the first plan and apply in a fresh JVM (class loading and JIT included, JVM start and the stack "
           "file's compilation not). Warm: the best of the runs after it, each on a fresh cloud. Peak heap: the most "
           "heap in use (garbage included) during the cold run; live after: what its cloud, plan and outcome keep "
           "(the heap after `System.gc()` with them, less without them: a rough figure, a few MB either way). The instant profile makes every wait pass at its first poll (the engine's own cost); the "
           "compact one is the CLI's local target, whose waits take virtual time.")
out.append("")
if "scaleMotoApplyMs" in v:
    if v.get("scaleMotoPlanMs"):
        reads, writes, _ = v["scaleMotoApplyCalls"].split()
        out.append(f"On moto, the 1,000-service stack (2,008 resources) took {s(num('scaleMotoApplyMs'))} to apply "
                   f"(set-up: {reads} reads, {writes} writes) and its no-op plan {s(num('scaleMotoPlanMs'))} with "
                   f"{v['scaleMotoPlanReads']} reads (exit {v['scaleMotoPlanRc']}; `{v['scaleMotoPlanSummary']}`: "
                   f"moto drops each service's Service Connect and deployment settings, so every service shows as "
                   f"an update).")
    else:
        out.append(f"On moto, the 1,000-service apply (set-up of the no-op plan) failed after "
                   f"{s(num('scaleMotoApplyMs'))} (exit {v['scaleMotoApplyRc']}); see "
                   f"bench/target/results/scale-apply.err.")
elif quick:
    out.append("The no-op plan of 1,000 services on moto runs in the full run only.")
out.append("")

# 5 -----------------------------------------------------------------------------------------------------
st = load("startup.json")
out.append("### 5. Cold start: launch to the first AWS call (`plan --target aws`)")
out.append("")
out.append("| | median | runs (ms) |")
out.append("|---|---|---|")
out.append(f"| `./cruddur plan --target aws cruddur`, no class-data archive (`CRUDDUR_CDS=0`) | "
           f"{s(num('coldCliMs'))} | {v['coldCliMsAll']} |")
out.append(f"| the same with the launcher's AppCDS archive | {s(num('coldCliCdsMs'))} | {v['coldCliCdsMsAll']} |")
if "coldCliNoCacheMs" in v:
    out.append(f"| the same, the stack file compiled by javac (`CRUDDUR_CACHE=off`, as after an edit) | "
               f"{s(num('coldCliNoCacheMs'))} | {v['coldCliNoCacheMsAll']} |")
out.append(f"| JShell: `jshell ... --startup cruddur-startup.jsh bench/coldstart.jsh` | {s(num('coldJshellMs'))} | "
           f"{v['coldJshellMsAll']} |")
if "coldJshellLauncherMs" in v:
    out.append(f"| JShell from the launcher: `./cruddur jshell bench/coldstart.jsh` (local execution, C1, its "
               f"archive) | {s(num('coldJshellLauncherMs'))} | {v['coldJshellLauncherMsAll']} |")
out.append("")
out.append((f"Where a cold CLI start goes (`Bench startup`, one run, no archive): JVM start to `main` "
           f"{st['jvmToMainMs']} ms, loading `stacks/cruddur.java` (its classes from the compiled cache) "
           f"{st['loadStackFileMs']} ms, building the AWS clients until the first call (STS GetCallerIdentity) "
           f"{st['clientsToFirstCallMs']} ms; {st['jvmToFirstCallMs']} ms in all. " if st
            else "The split of a cold start (`Bench startup`) is measured in the full run only. ")
           + (lambda d: f"The launcher's own checks (is the jar stale?) add {d} ms " if d > 0 else
              f"The launcher's own checks (is the jar stale?) cost less than its C1-only JIT flag saves ")(
               int(num('launcherVersionMs') - num('javaJarVersionMs')))
           + f"(`./cruddur --version` {v['launcherVersionMs']} ms against `java -jar` {v['javaJarVersionMs']} ms). "
           f"Writing the archive made the launcher's first plan take {s(num('cdsDumpRunMs'))}"
           + (f", the next one {s(num('cdsSecondRunMs'))}." if "cdsSecondRunMs" in v else "."))
out.append("")

# targets -----------------------------------------------------------------------------------------------
out.append("### Targets")
out.append("")
out.append("| target | measured | |")
out.append("|---|---|---|")
r1 = manual / apply_ms
out.append(f"| the AWS CLI way >= 6x slower than Cruddur | {x(r1)} ({s(manual)} / {s(apply_ms)}) | {holds(r1 >= 6)} |")
r2 = apply_ms / floor_ms
out.append(f"| Cruddur's apply <= 1.3x its floor | {x(r2)} ({s(apply_ms)} / {s(floor_ms)}) | {holds(r2 <= 1.3)} |")
reads, writes, re_ms = int(num("reapplyReads")), int(num("reapplyWrites")), num("reapplyMs")
plan_reads = int(num("planReads")) if "planReads" in v else None
out.append(f"| no-op re-apply <= 1 read per resource + 5 ({resources + 5}) | {reads} reads"
           + (f" (its plan's: {plan_reads}; the rest follow the {writes} update(s) of moto's gap: see the writes)"
              if plan_reads is not None and writes else "") + f" | {holds(reads <= resources + 5)} |")
if plan_reads is not None:
    out.append(f"| ... the no-op plan alone <= {resources + 5} reads | {plan_reads} reads | "
               f"{holds(plan_reads <= resources + 5)} |")
out.append(f"| no-op re-apply: 0 writes | {writes} writes (moto drops ECS service settings, docs/aws.md) | "
           f"{holds(writes == 0)} |")
out.append(f"| no-op re-apply < 1.5 s wall, JVM start included | {s(re_ms)}"
           + (f" (on the local target, nothing to update: {s(num('localReapplyMs'))})" if "localReapplyMs" in v
              else "") + f" | {holds(re_ms < 1500)} |")
for label, ratio in sim_ratios.items():
    out.append(f"| simulated time <= 1.05x the critical path: {label} | {x(ratio)} | {holds(ratio <= 1.05)} |")
big = scale.get(("scale-connect-1000", "instant"))
mid = scale.get(("scale-connect-100", "instant"))
if big and "coldMs" in big:
    out.append(f"| 1,000 services planned and applied in memory < 2 s | {s(big['coldMs'])} cold, "
               f"{s(big.get('warmMs'))} warm | {holds(big['coldMs'] < 2000)} |")
    if mid and "coldMs" in mid:
        key = "warmMs" if "warmMs" in big and "warmMs" in mid else "coldMs"
        per_big, per_mid = big[key] / big["services"], mid[key] / mid["services"]
        out.append(f"| ... growing linearly (time per service at 1,000 <= 1.5x that at 100, {key[:4]}) | "
                   f"{per_big:.1f} ms against {per_mid:.1f} ms ({x(per_big / per_mid)}) | "
                   f"{holds(per_big <= 1.5 * per_mid)} |")
cold = num("coldCliCdsMs")
out.append(f"| cold start < 1 s to the first AWS call: the CLI (with the launcher's archive, as every run after "
           f"the first) | {s(cold)}; without the archive {s(num('coldCliMs'))}, and the run that writes it "
           f"{s(num('cdsDumpRunMs'))} in all | {holds(cold < 1000)} |")
jshell = num("coldJshellLauncherMs") if "coldJshellLauncherMs" in v else num("coldJshellMs")
out.append(f"| cold start < 1 s to the first AWS call: JShell | plain `jshell` {s(num('coldJshellMs'))}"
           + (f", `./cruddur jshell` {s(jshell)}" if "coldJshellLauncherMs" in v else "")
           + f" | {holds(jshell < 1000)} |")

text = "\n".join(out) + "\n"
print(text)
if doc:
    with open(doc) as f:
        content = f.read()
    begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
    if begin not in content or end not in content:
        sys.exit(f"report.py: {doc} has no {begin} ... {end} lines to write between")
    head, rest = content.split(begin, 1)
    _, tail = rest.split(end, 1)
    with open(doc, "w") as f:
        f.write(head + begin + "\n" + text + end + tail)
    print(f"written into {doc}")
