"""Command-line door to the harness for the demo server: JSON in on stdin, JSON out on stdout.

Input:  {"policy": "<path to .py>", "user": {...} | null, "prompt_data": {<flat dotted keys>}}
Output: {"passing": bool, "messages": [...], "prompt_data": {<nested, as the user-write stage sees it>}}
"""

import json
import sys
from pathlib import Path

from expression_harness import User, anonymous_user, nest_dotted, run_prompt_validation


def main() -> None:
    job = json.load(sys.stdin)
    expression = Path(job["policy"]).read_text(encoding="utf-8")
    user = User(**job["user"]) if job.get("user") else anonymous_user()
    result, prompt_data = run_prompt_validation(expression, user, nest_dotted(job["prompt_data"]))
    json.dump({"passing": result.passing, "messages": result.messages, "prompt_data": prompt_data}, sys.stdout)


if __name__ == "__main__":
    main()
