#!/usr/bin/env bash
# Mutation testing of one module with mutmut (docs/mutation.md). Not part of CI: minutes per module.
#   scripts/mutation.sh tolls|dates|places|link [extra mutmut run arguments, e.g. a mutant name glob]
# The run happens in .mutation/MODULE/ (ignored by git): a pyproject.toml made of [tool.mutmut] and
# [tool.rasd-mutation.MODULE], links to rasd/ and tests/, and mutmut's mutants/ beside them. Each run starts
# afresh (KEEP=1 keeps the previous results, to rerun only some mutants). Prints the score and writes the
# survivors to .mutation/MODULE/survivors.txt (see them with `cd .mutation/MODULE && mutmut show NAME`).
set -euo pipefail
module="${1:?usage: scripts/mutation.sh tolls|dates|places|link [mutmut run args]}"
shift
root="$(cd "$(dirname "$0")/.." && pwd)"
py="${PYTHON:-$root/.venv/bin/python}"
mutmut="$(dirname "$py")/mutmut"
work="$root/.mutation/$module"
[ "${KEEP:-0}" = 1 ] || rm -rf "$work"
mkdir -p "$work"
"$py" - "$root" "$module" "$work/pyproject.toml" <<'PY'
import sys
import tomllib
from pathlib import Path

root, module, out = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
conf = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
sel = conf["rasd-mutation"].get(module)
if sel is None:
    sys.exit(f"unknown module {module!r}; known: {', '.join(conf['rasd-mutation'])}")
tests = [t for t in sel["tests"] if (root / t).exists()]
lines = ["[tool.mutmut]"]
for k, v in {**conf["mutmut"], "only_mutate": sel["only_mutate"],
             "pytest_add_cli_args_test_selection": tests}.items():
    val = ("true" if v else "false") if isinstance(v, bool) else repr(v).replace("'", '"')
    lines.append(f"{k} = {val}")
# the tests' own settings (testpaths) go with them
lines += ["", "[tool.pytest.ini_options]", 'testpaths = ["tests"]', ""]
out.write_text("\n".join(lines), encoding="utf-8")
print("tests:", " ".join(tests))
PY
ln -sfn "$root/rasd" "$work/rasd"
ln -sfn "$root/tests" "$work/tests"
# the tests find the shared data beside the checkout they run from (mutants/..)
[ -e "$root/../shared" ] && ln -sfn "$(cd "$root/.." && pwd)/shared" "$work/shared"
cd "$work"
# one child process: the machine is shared
"$mutmut" run --max-children "${MAX_CHILDREN:-1}" "$@" > run.log 2>&1 || { tail -40 run.log; exit 1; }
"$mutmut" export-cicd-stats > /dev/null
"$mutmut" results 2>/dev/null | grep ": survived" > survivors.txt || true
"$py" - <<'PY'
import json

s = json.load(open("mutants/mutmut-cicd-stats.json"))
# mutants run (not those left out by a name glob, without a test or skipped); a timeout counts as killed
killed = s["killed"] + s.get("timeout", 0) + s.get("segfault", 0)
tested = killed + s["survived"] + s.get("suspicious", 0)
print(json.dumps(s))
print(f"score: {killed}/{tested} killed ({100 * killed / max(tested, 1):.1f}%), "
      f"{s['survived']} survived, {s.get('no_tests', 0)} without a test")
PY
echo "survivors: $work/survivors.txt"
