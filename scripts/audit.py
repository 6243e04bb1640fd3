"""Audit the installed dependencies for known vulnerabilities with pip-audit, tolerating no network.

Exit 0 when nothing vulnerable is found, or when the audit could not run
(pip-audit missing, or no package could be looked up: offline); the message
says which. Exit 1 when a dependency has a known vulnerability. Used by
``make audit`` and ``make lint``.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

TIMEOUT_SECONDS = 120


def main() -> int:
    if importlib.util.find_spec("pip_audit") is None:
        print("audit skipped: pip-audit is not installed (make install, or pip install pip-audit)")
        return 0
    command = [sys.executable, "-m", "pip_audit", "--format", "json", "--skip-editable", "--progress-spinner", "off",
               "--timeout", "15"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        print(f"audit skipped: pip-audit did not finish within {TIMEOUT_SECONDS} s (offline?)")
        return 0
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"audit skipped: pip-audit could not run ({last}); offline? Re-run 'make audit' with network access")
        return 0
    dependencies = report.get("dependencies", [])
    audited = [d for d in dependencies if "skip_reason" not in d]
    vulnerable = [d for d in audited if d.get("vulns")]
    if not audited:
        print(f"audit skipped: none of {len(dependencies)} installed packages could be looked up in the vulnerability "
              "database (offline, or the index is a local mirror); nothing was audited. Re-run 'make audit' online")
        return 0
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions", [])) or "no fixed version yet"
            print(f"{dependency['name']} {dependency['version']}: {vuln['id']} (fixed in {fixed})")
    skipped = len(dependencies) - len(audited)
    print(f"audited {len(audited)} packages ({skipped} could not be looked up): "
          f"{len(vulnerable)} with known vulnerabilities")
    return 1 if vulnerable else 0


if __name__ == "__main__":
    sys.exit(main())
