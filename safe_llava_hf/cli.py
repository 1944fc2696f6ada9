"""The ``safe-llava`` command line.

    safe-llava scrub llava_v1_5_mix665k.json -o safe_mix665k.json --num-proc 2
    safe-llava scrub sample --show 3          # the embedded sample, with before/after pairs
    safe-llava policy dump > my_policy.yaml   # the default policy, to edit
    safe-llava detect "A young woman walks her dog."
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .core import BiometricEngine, BiometricPolicy, InputError, SafeLlavaError


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    previous = _stop_on_sigterm()
    try:
        return args.func(args) or 0
    except SafeLlavaError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted; no partial output was kept", file=sys.stderr)
        return 130
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _stop_on_sigterm():
    """SIGTERM ends the command like Ctrl-C does, so temporary files are removed on the way out."""
    def stop(signum, frame):
        raise KeyboardInterrupt
    try:
        return signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread (a test runner, a server): leave signals alone
        return None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="safe-llava", description="Biometric privacy for vision-language models.")
    parser.add_argument("--version", action="version", version=f"safe-llava-hf {__version__}")
    sub = parser.add_subparsers(title="commands")

    p = sub.add_parser("scrub", help="remove biometric information from LLaVA training data",
                       description="Rewrite LLaVA json/jsonl conversations neutrally and refuse biometric questions.")
    p.add_argument("input", help="LLaVA annotations (.json list or .jsonl); 'sample' for the embedded sample")
    p.add_argument("-o", "--output", help="where to write the scrubbed records (same format, order and ids)")
    p.add_argument("--audit", help="audit log (jsonl), one line per record plus a summary; default OUTPUT.audit.jsonl")
    p.add_argument("--policy", help="policy YAML (see `safe-llava policy dump`)")
    p.add_argument("--num-proc", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--on-error", choices=("fail", "skip"), default="fail",
                   help="bad records: stop with an error (default) or drop them and record why in the audit")
    p.add_argument("--drop-empty", action="store_true",
                   help="drop a record whose turn held only biometric content (default: keep it, with the refusal "
                        "as that answer; the audit marks it 'emptied')")
    p.add_argument("--rewriter", help="optional fluency rewriter: hf:MODEL_ID_OR_PATH (local transformers model) or openai:MODEL "
                   "(OpenAI-compatible server at OPENAI_BASE_URL, key in OPENAI_API_KEY)")
    p.add_argument("--show", type=int, default=0, metavar="N", help="print N before/after pairs at the end")
    p.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    p.set_defaults(func=_cmd_scrub)

    p = sub.add_parser("neutralize", help="rewrite plain text neutrally, one text per line",
                       description="Captions, alt text or prompts, one per line: people described neutrally, "
                                   "lines and everything outside the changed words kept byte for byte.")
    p.add_argument("input", help="a UTF-8 text file, one text per line")
    p.add_argument("-o", "--output", required=True, help="where to write the neutral lines")
    p.add_argument("--policy", help="policy YAML, or a bundled policy: 'pronouns' changes only gendered pronouns")
    p.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    p.set_defaults(func=_cmd_neutralize)

    prism = sub.add_parser("prism", help="run, judge and score PRISM").add_subparsers(title="prism commands")
    p = prism.add_parser("run", help="answer, judge and score PRISM with any image-text-to-text model",
                         description="Batched, resumable PRISM run: DIR/<task>_answers.jsonl, <task>_judged.jsonl, "
                                     "summary.json, report.md and charts.")
    p.add_argument("--model", required=True, help="model id or local folder (AutoModelForImageTextToText + processor)")
    p.add_argument("--data", required=True, help="PRISM folder (either public layout), a built folder or a Hub dataset id")
    p.add_argument("--tasks", default="refusal_soft,refusal_hard,implicit_leakage")
    p.add_argument("--split", help="split to run (default: the first, e.g. small)")
    p.add_argument("--output-dir", required=True)
    p.add_argument("--batch-size", type=int, default=8)
    p.add_argument("--max-new-tokens", type=int, default=128)
    p.add_argument("--limit", type=int, help="answer at most N questions per task")
    p.add_argument("--dtype", default="auto", help="auto (bf16 on GPU, fp32 on CPU), bf16, fp16, fp32")
    p.add_argument("--attn-implementation", default="auto", help="auto, sdpa, eager or flash_attention_2")
    p.add_argument("--judge", default="rules", help="rules (default), hf:MODEL or openai:MODEL")
    p.add_argument("--guard", action="store_true", help="run the model behind the biometric guard")
    p.add_argument("--skip-missing", action="store_true", help="skip questions whose image file is missing or unreadable")
    p.add_argument("--overwrite", action="store_true",
                   help="start afresh in an --output-dir that holds a run made with other settings")
    p.add_argument("--policy")
    p.add_argument("--no-progress", action="store_true")
    p.set_defaults(func=_cmd_prism_run)

    p = prism.add_parser("judge", help="add a judgement to every line of a PRISM answer file",
                         description="Writes the lines back in the same order with 'judgement' added: "
                                     "'Yes'/'No' for refusal, a list of attribute names for implicit leakage.")
    p.add_argument("input", help="answers (jsonl with question_id, prompt, response)")
    p.add_argument("--task", required=True, choices=("refusal", "refusal_soft", "refusal_hard", "implicit_leakage"))
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--judge", default="rules", help="rules (default), hf:MODEL or openai:MODEL")
    p.add_argument("--policy")
    p.set_defaults(func=_cmd_prism_judge)

    p = prism.add_parser("score", help="PRISM figures for judged files: console table, summary.json, report.md, charts")
    p.add_argument("inputs", nargs="+", help="judged jsonl files (task from the file name unless --task)")
    p.add_argument("--task", choices=("refusal_soft", "refusal_hard", "implicit_leakage"))
    p.add_argument("--output-dir", default="prism_report")
    p.add_argument("--protocol", choices=("v1", "v2"), default="v2")
    p.add_argument("--title", default="PRISM report")
    p.set_defaults(func=_cmd_prism_score)

    p = prism.add_parser("compare", help="a leaderboard from a folder in the PRISM release's layout",
                         description="answers/<model>/<task>_Answer.jsonl judged with our judge, beside the published "
                                     "results/<judge>/<model>/<task>_Results.txt: summary.json, report.md, leaderboard.png.")
    p.add_argument("folder", help="the folder with answers/ (and optionally results/)")
    p.add_argument("--output-dir", default="prism_compare")
    p.add_argument("--judge", default="rules", help="rules (default), hf:MODEL or openai:MODEL")
    p.add_argument("--policy")
    p.set_defaults(func=_cmd_prism_compare)

    p = sub.add_parser("sample", help="write the embedded sample data to disk (pictures are drawn locally)")
    p.add_argument("kind", choices=("images", "prism"), help="images: the pictures of the LLaVA sample; "
                   "prism: a small PRISM folder")
    p.add_argument("output_dir")
    p.add_argument("--layout", choices=("v1", "v2"), default="v2", help="PRISM layout: v1 first release, v2 current")
    p.set_defaults(func=_cmd_sample)

    p = sub.add_parser("demo", help="start the Gradio demo locally (offline: the tiny model behind the guard)")
    p.add_argument("--model", help="base model id or folder (default: $SAFE_LLAVA_BASE_MODEL, else the tiny model)")
    p.add_argument("--protected-model", help="a Safe-LLaVA checkpoint to compare with (default: base + guard)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=7860)
    p.add_argument("--share", action="store_true", help="also make a public gradio.live link")
    p.set_defaults(func=_cmd_demo)

    p = sub.add_parser("tiny-model", help="write a tiny random Llava (offline; for tests, smoke runs and demos)")
    p.add_argument("output_dir")
    p.add_argument("--seed", type=int, default=0)
    p.set_defaults(func=_cmd_tiny_model)

    p = sub.add_parser("detect", help="show the biometric mentions in a text")
    p.add_argument("text", nargs="+")
    p.add_argument("--policy")
    p.set_defaults(func=_cmd_detect)

    p = sub.add_parser("policy", help="print or check a policy file")
    p.add_argument("action", choices=("dump", "check"))
    p.add_argument("path", nargs="?", help="policy YAML (check: the file to check; dump: start from it)")
    p.set_defaults(func=_cmd_policy)
    return parser


def _cmd_scrub(args: argparse.Namespace) -> int:
    from .sample import sample_path
    from .scrub import default_audit_path, scrub_file

    input_path = sample_path() if args.input == "sample" else Path(args.input)
    if not input_path.exists():
        raise InputError(f"{input_path}: no such input file")
    if not args.output:
        if args.input != "sample":
            print("error: -o/--output is required", file=sys.stderr)
            return 2
        args.output = os.path.join("outputs", "sample_scrubbed.json")
    engine = _engine(args.policy)
    rewriter = None
    if args.rewriter:
        from .scrub.llm_rewriter import load_rewriter

        rewriter = load_rewriter(args.rewriter, engine)
    summary = scrub_file(input_path, args.output, args.audit, engine=engine, num_proc=args.num_proc,
                         on_error=args.on_error, rewriter=rewriter, progress=not args.no_progress,
                         drop_empty=args.drop_empty)
    audit = args.audit or default_audit_path(args.output)
    if args.show:
        _show_pairs(input_path, args.output, audit, args.show)
    print(summary.format())
    if rewriter is not None:
        print("rewriter verdicts: " + (", ".join(f"{k} {v}" for k, v in rewriter.stats.most_common()) or "none"))
    print(f"wrote {args.output} and {audit}")
    return 0


def _show_pairs(input_path: Path, output_path: str, audit_path: str | Path, n: int) -> None:
    from .scrub import changed_pairs

    for record_id, action, pairs in changed_pairs(input_path, output_path, audit_path, n):
        print(f"--- {record_id} ({action})")
        for role, before, after in pairs:
            print(f"  {role:>5} before: {before!r}")
            print(f"  {'':>5}  after: {after!r}")


def _cmd_neutralize(args: argparse.Namespace) -> int:
    from .scrub.text import neutralize_file

    summary = neutralize_file(args.input, args.output, _engine(args.policy), progress=not args.no_progress)
    print(summary.format())
    print(f"wrote {args.output}")
    return 0


def _cmd_prism_run(args: argparse.Namespace) -> int:
    from .prism.run import RunConfig, run_prism

    tasks = [t.strip() for t in args.tasks.split(",") if t.strip()]
    run_prism(RunConfig(model=args.model, data=args.data, output_dir=args.output_dir, tasks=tasks, split=args.split,
                        batch_size=args.batch_size, max_new_tokens=args.max_new_tokens, limit=args.limit,
                        dtype=args.dtype, attn_implementation=args.attn_implementation, judge=args.judge,
                        guard=args.guard, skip_missing=args.skip_missing, progress=not args.no_progress,
                        overwrite=args.overwrite,
                        engine=_engine(args.policy)))
    return 0


def _cmd_prism_judge(args: argparse.Namespace) -> int:
    from .prism.files import judge_file
    from .prism.judges import load_judge

    judge = load_judge(args.judge, _engine(args.policy))
    rows = judge_file(args.input, args.output, args.task, judge)
    print(f"judged {len(rows)} answers with {judge.name}; wrote {args.output}")
    if getattr(judge, "stats", None):
        print("judge replies: " + ", ".join(f"{k} {v}" for k, v in judge.stats.most_common()))
    return 0


def _cmd_prism_score(args: argparse.Namespace) -> int:
    from .prism.files import infer_task, read_answers, score_rows
    from .prism.report import write_report

    results = []
    for path in args.inputs:
        task = args.task or infer_task(path)
        rows = read_answers(path, need=("question_id",))
        results.append({"file": path, **score_rows(rows, task, args.protocol, path=path)})
    print(write_report(results, args.output_dir, args.title))
    return 0


def _cmd_prism_compare(args: argparse.Namespace) -> int:
    from .prism.compare import compare, write_comparison
    from .prism.judges import load_judge

    judge = load_judge(args.judge, _engine(args.policy))
    print(write_comparison(compare(args.folder, judge), args.output_dir, judge.name))
    return 0


def _cmd_sample(args: argparse.Namespace) -> int:
    from .sample import write_prism_sample, write_sample_images

    out = write_sample_images(args.output_dir) if args.kind == "images" else write_prism_sample(args.output_dir, args.layout)
    print(f"wrote {args.kind} sample to {out}")
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from .demo import build_ui, demo_from_env, launch

    model = args.model or os.environ.get("SAFE_LLAVA_BASE_MODEL")
    tiny = not model
    if not model:
        from .testing import build_tiny_llava

        cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "safe-llava-hf" / "tiny-llava"
        model = str(cache if (cache / "config.json").exists() else build_tiny_llava(cache))
        print(f"no --model given: using the offline tiny model at {model} (its answers are noise; the guard is real)")
    launch(build_ui(demo_from_env(model, args.protected_model, base_is_noise=tiny)), args.host, args.port, share=args.share)
    return 0


def _cmd_tiny_model(args: argparse.Namespace) -> int:
    from .testing import build_tiny_llava

    out = build_tiny_llava(args.output_dir, seed=args.seed)
    print(f"wrote a tiny random Llava to {out}; its answers are noise, its plumbing is real")
    return 0


def _cmd_detect(args: argparse.Namespace) -> int:
    text = " ".join(args.text)
    mentions = _engine(args.policy).detect(text)
    for m in mentions:
        print(f"{m.start:>4}-{m.end:<4} {m.text!r:24} {','.join(m.categories):16} {m.kind:9} {m.rule}")
    if not mentions:
        print("no biometric mentions")
    return 0


def _cmd_policy(args: argparse.Namespace) -> int:
    policy = BiometricPolicy.load(args.path)
    if args.action == "check":
        print(f"{policy.source}: ok; enabled categories: {', '.join(policy.enabled)}")
        return 0
    import yaml

    sys.stdout.write(yaml.safe_dump({"extends": None, **policy.to_dict()}, sort_keys=False, allow_unicode=True, width=100))
    return 0


def _engine(policy_path: str | None) -> BiometricEngine:
    return BiometricEngine.for_policy(BiometricPolicy.load(policy_path))


if __name__ == "__main__":
    sys.exit(main())
