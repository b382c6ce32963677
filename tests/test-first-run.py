#!/usr/bin/env python3
"""The README's first command, as a new user runs it.

test-first-run.py SOURCE_ROOT BUILD_ROOT

Starts `build-aux/dev run` exactly as the README says (the same script, the same uninstalled
checkout, in a new user's environment: an empty home, a zh_CN locale, the display it is given) and
checks that a window comes up within 20 s, stays up 5 s, has the Chinese title, and that nothing
the program prints is a GLib, GTK or libadwaita warning or critical. Then the same with a database
path, `--version`, and the installed binary copied away from its schema and translations.
Skips (77) without a display.
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

TITLE = "法治台账"
SHOWN_WITHIN = 20.0
STAYS_UP = 5.0
LOGGED = re.compile(r"(GLib|GLib-GIO|GLib-GObject|Gtk|Gdk|Gsk|Adwaita|Pango|fazhi)-(WARNING|CRITICAL|ERROR) \*\*"
                    r"|\*\* \((?:[^)]*)\): (WARNING|CRITICAL|ERROR)")
failures = []


def fail(message):
    print("FAIL: " + message)
    failures.append(message)


def user_environment(home, extra=None):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": home,
        "LANG": "zh_CN.UTF-8",
        "LANGUAGE": "zh_CN",
        "DISPLAY": os.environ["DISPLAY"],
        "FAZHI_BUILDDIR": BUILD_ROOT,
    }
    for name in ("XAUTHORITY", "DBUS_SESSION_BUS_ADDRESS"):
        if name in os.environ:
            env[name] = os.environ[name]
    env.update(extra or {})
    return env


def toplevels():
    """(id, title, width, height) of the display's top-level windows."""
    out = subprocess.run(["xwininfo", "-root", "-children"], capture_output=True, text=True).stdout
    found = []
    for match in re.finditer(r'^\s+(0x[0-9a-f]+) "(.*)": \(.*\)\s+(\d+)x(\d+)\+', out, re.M):
        found.append((match.group(1), match.group(2), int(match.group(3)), int(match.group(4))))
    return found


def viewable(window):
    out = subprocess.run(["xwininfo", "-id", window], capture_output=True, text=True).stdout
    return "Map State: IsViewable" in out


def program_window(before):
    """The first viewable, full-sized window that was not there before the program started."""
    for window, title, width, height in toplevels():
        if window not in before and width > 1 and height > 1 and viewable(window):
            return window, title
    return None, None


def stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def check_window(name, command, env, title_expected=TITLE, expect_in_stderr=None):
    """Starts @command, checks its window (its title, unless @title_expected is None); returns its stderr."""
    before = {w[0] for w in toplevels()}
    out = tempfile.TemporaryFile()
    err = tempfile.TemporaryFile()
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=SOURCE_ROOT, env=env, stdout=out, stderr=err,
                               stdin=subprocess.DEVNULL)
    window = title = None
    try:
        while time.monotonic() - started < SHOWN_WITHIN and process.poll() is None:
            window, title = program_window(before)
            if window:
                break
            time.sleep(0.2)
        shown = time.monotonic() - started
        if not window:
            fail(f"{name}: no window within {SHOWN_WITHIN:.0f} s (exit status {process.poll()})")
        else:
            print(f"{name}: window {window} “{title}” shown after {shown:.1f} s")
            if title_expected is not None and title != title_expected:
                fail(f"{name}: the window's title is “{title}”, not “{title_expected}”")
            time.sleep(STAYS_UP)
            if process.poll() is not None:
                fail(f"{name}: the program ended by itself (exit status {process.returncode})")
            elif not viewable(window):
                fail(f"{name}: the window did not stay up {STAYS_UP:.0f} s")
    finally:
        stop(process)
    out.seek(0)
    err.seek(0)
    stdout = out.read().decode("utf-8", "replace")
    stderr = err.read().decode("utf-8", "replace")
    for line in (stdout + stderr).splitlines():
        if LOGGED.search(line):
            fail(f"{name}: logged “{line.strip()}”")
    if expect_in_stderr is not None:
        count = stderr.count(expect_in_stderr)
        if count != 1:
            fail(f"{name}: “{expect_in_stderr}” said {count} times on stderr, not once:\n{stderr}")
    if failures:
        print(f"--- {name}: stdout\n{stdout}--- {name}: stderr\n{stderr}---")
    return stderr


def main():
    if not os.environ.get("DISPLAY"):
        print("no display: build-aux/dev test runs this under Xvfb")
        return 77
    dev = os.path.join(SOURCE_ROOT, "build-aux", "dev")

    with tempfile.TemporaryDirectory(prefix="fazhi-first-run-") as folder:
        # The README's first command, as it is: the ledger goes where the program keeps it.
        home = os.path.join(folder, "home")
        os.makedirs(home)
        check_window("build-aux/dev run", [dev, "run"], user_environment(home))
        default_ledger = os.path.join(home, ".local", "share", "fazhi", "ledger.db")
        if not os.path.isfile(default_ledger):
            fail(f"build-aux/dev run: no ledger at {default_ledger}")

        # With a database path, in a folder with a Chinese name.
        ledger = os.path.join(folder, "街道台账", "2026.db")
        os.makedirs(os.path.dirname(ledger))
        check_window("build-aux/dev run --database", [dev, "run", "--database", ledger], user_environment(home))
        if not os.path.isfile(ledger):
            fail(f"build-aux/dev run --database: no ledger at {ledger}")

        version = subprocess.run([dev, "run", "--version"], cwd=SOURCE_ROOT, env=user_environment(home),
                                 capture_output=True, text=True, timeout=120)
        last = version.stdout.strip().splitlines()[-1:] or [""]
        if version.returncode != 0 or not re.fullmatch(r"fazhi \d+\.\d+\.\d+", last[0]):
            fail(f"build-aux/dev run --version: exit {version.returncode}, printed “{last[0]}”\n{version.stderr}")
        else:
            print(f"build-aux/dev run --version: {last[0]}")

        # The program `run` installed, copied on its own: no schema, no translations beside it (so
        # its title may be English). It comes up all the same and says once what is missing.
        installed = [os.path.join(root, "fazhi") for root, _, files in os.walk(os.path.join(BUILD_ROOT, "install"))
                     if "fazhi" in files and root.endswith("/bin")]
        if not installed:
            fail("build-aux/dev run left no installed program in the build folder")
        else:
            copy = os.path.join(folder, "bin", "fazhi")
            os.makedirs(os.path.dirname(copy))
            shutil.copy(installed[0], copy)
            check_window("a copied binary", [copy, "--database", os.path.join(folder, "copy.db")],
                         user_environment(home, {"XDG_DATA_DIRS": "/usr/share"}),
                         title_expected=None, expect_in_stderr="io.github.fazhi.Ledger")

    return 1 if failures else 0


if __name__ == "__main__":
    SOURCE_ROOT, BUILD_ROOT = sys.argv[1], sys.argv[2]
    sys.exit(main())
