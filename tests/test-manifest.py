#!/usr/bin/env python3
"""Check the Flatpak manifest without building it.

    test-manifest.py MANIFEST                 the manifest's content (Python standard library only)
    test-manifest.py --show-manifest MANIFEST flatpak-builder reads it without a complaint (77: no flatpak-builder)
    test-manifest.py --self-test MANIFEST     every check below catches the mistake it is there for

The sandbox is what the clerks' data is protected by: the app gets a display, the GPU and IPC,
nothing else; files reach it through the portals and its database stays in its own data folder.
"""

import copy
import json
import os
import re
import shutil
import subprocess
import sys

APP_ID = "io.github.fazhi.Ledger"
RUNTIME = "org.gnome.Platform"
RUNTIME_VERSION = "48"
SDK = "org.gnome.Sdk"
COMMAND = "fazhi"
FINISH_ARGS = ["--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri"]
CLEANUP = ["/include", "/lib/pkgconfig", "/lib/cmake", "*.a", "*.la"]
LICENSE_DIR = "/app/share/licenses/%s/" % APP_ID

# pkg-config names the project's meson files ask for that org.gnome.Platform already provides.
IN_RUNTIME = {
    "glib-2.0", "gobject-2.0", "gio-2.0", "gio-unix-2.0", "gmodule-2.0",
    "gtk4", "libadwaita-1", "sqlite3", "pango", "pangocairo", "cairo", "cairo-pdf",
    "json-glib-1.0", "zlib", "libxml-2.0", "expat",
}
# pkg-config names that need a module of their own, and that module's name.
BUNDLED = {"xlsxwriter": "libxlsxwriter", "libzip": "libzip", "freexl": "freexl"}

SHA256 = re.compile(r"^[0-9a-f]{64}$")
COMMIT = re.compile(r"^[0-9a-f]{40}$")
MESON_DEPENDENCY = re.compile(r"""\bdependency\s*\(\s*['"]([^'"]+)['"]""")


def reject_duplicate_keys(pairs):
    keys = [k for k, _ in pairs]
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    if repeated:
        raise ValueError("key(s) given twice: " + ", ".join(repeated))
    return dict(pairs)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f, object_pairs_hook=reject_duplicate_keys)


def meson_dependencies(project_root):
    """pkg-config names of every dependency() call in the project's meson.build files."""
    names = set()
    for dirpath, dirnames, filenames in os.walk(project_root):
        dirnames[:] = [d for d in dirnames if not d.startswith((".", "_")) and d != "build"]
        if "meson.build" in filenames:
            with open(os.path.join(dirpath, "meson.build"), encoding="utf-8") as f:
                names.update(MESON_DEPENDENCY.findall(f.read()))
    return names


def source_problems(module_name, source):
    kind = source.get("type")
    where = "module %s, source %s" % (module_name, source.get("url") or source.get("path") or kind)
    if kind in ("archive", "file"):
        problems = []
        if not str(source.get("url", "")).startswith("https://"):
            problems.append("%s: not fetched over https" % where)
        if not SHA256.match(str(source.get("sha256", ""))):
            problems.append("%s: no sha256 pinning the archive" % where)
        return problems
    if kind == "git":
        if not COMMIT.match(str(source.get("commit", ""))):
            return ["%s: a git source without a full commit hash" % where]
        return []
    if kind == "patch":
        return [] if source.get("path") else ["%s: a patch without a path" % where]
    return ["%s: type %r cannot be pinned" % (where, kind)]


def installs_license(module):
    if module.get("license-files"):
        return True
    return any(LICENSE_DIR in command for command in module.get("post-install", []))


def problems(manifest, manifest_dir):
    """Human-readable problems with the manifest, empty when it is what it must be."""
    found = []

    def expect(key, wanted):
        if manifest.get(key) != wanted:
            found.append("%s is %r, not %r" % (key, manifest.get(key), wanted))

    app_id = manifest.get("id", manifest.get("app-id"))
    if app_id != APP_ID:
        found.append("the app id is %r, not %r" % (app_id, APP_ID))
    if "id" in manifest and "app-id" in manifest:
        found.append("both id and app-id are given")
    expect("runtime", RUNTIME)
    expect("runtime-version", RUNTIME_VERSION)
    expect("sdk", SDK)
    expect("command", COMMAND)

    finish_args = manifest.get("finish-args", [])
    if sorted(finish_args) != sorted(FINISH_ARGS) or len(finish_args) != len(FINISH_ARGS):
        extra = [a for a in finish_args if a not in FINISH_ARGS]
        missing = [a for a in FINISH_ARGS if a not in finish_args]
        found.append("finish-args must be exactly %s (extra: %s; missing: %s)"
                     % (" ".join(FINISH_ARGS), " ".join(extra) or "none", " ".join(missing) or "none"))

    cleanup = manifest.get("cleanup", [])
    for pattern in CLEANUP:
        if pattern not in cleanup:
            found.append("cleanup does not remove %s" % pattern)

    modules = manifest.get("modules", [])
    if not modules or not all(isinstance(m, dict) for m in modules):
        found.append("modules must be a non-empty list of objects written in the manifest")
        return found

    for module in modules[:-1]:
        name = module.get("name", "?")
        sources = module.get("sources", [])
        if not sources:
            found.append("module %s has no sources" % name)
        for source in sources:
            if not isinstance(source, dict):
                found.append("module %s: a source kept in another file is not checked" % name)
                continue
            found.extend(source_problems(name, source))
        if not installs_license(module):
            found.append("module %s does not install its licence under %s" % (name, LICENSE_DIR))

    app = modules[-1]
    if app.get("buildsystem") != "meson":
        found.append("the last module, %s, is not built with meson" % app.get("name", "?"))
    dirs = [s for s in app.get("sources", []) if isinstance(s, dict) and s.get("type") == "dir"]
    if len(dirs) != 1 or len(app.get("sources", [])) != 1:
        found.append("the last module must be the app, built from one dir source")
        project_root = None
    else:
        project_root = os.path.normpath(os.path.join(manifest_dir, dirs[0].get("path", "")))
        meson_build = os.path.join(project_root, "meson.build")
        is_project = False
        if os.path.isfile(meson_build):
            with open(meson_build, encoding="utf-8") as f:
                is_project = re.search(r"project\s*\(\s*'fazhi-ledger'", f.read()) is not None
        if not is_project:
            found.append("the app's dir source %s is not the project's directory" % dirs[0].get("path"))
            project_root = None

    if project_root is not None:
        module_names = {m.get("name") for m in modules[:-1]}
        for dep in sorted(meson_dependencies(project_root)):
            if dep in IN_RUNTIME:
                continue
            if dep not in BUNDLED:
                found.append("meson asks for %s, which is neither in %s nor a known module" % (dep, RUNTIME))
            elif BUNDLED[dep] not in module_names:
                found.append("meson asks for %s but no module %s builds it" % (dep, BUNDLED[dep]))
    return found


def show_manifest(path):
    """flatpak-builder itself must read the manifest without a warning."""
    builder = shutil.which("flatpak-builder")
    if builder is None:
        print("flatpak-builder is not installed: skipped")
        return 77
    result = subprocess.run([builder, "--show-manifest", path], capture_output=True, text=True)
    complaints = [line for line in result.stderr.splitlines() if line.strip()]
    if result.returncode != 0 or complaints:
        print("FAIL: flatpak-builder --show-manifest exited %d" % result.returncode)
        for line in complaints:
            print("  " + line)
        return 1
    shown = json.loads(result.stdout)
    if shown.get("id", shown.get("app-id")) != APP_ID or len(shown.get("modules", [])) != len(load(path)["modules"]):
        print("FAIL: flatpak-builder read a different manifest: %s" % result.stdout[:200])
        return 1
    print("flatpak-builder reads the manifest: %d modules" % len(shown["modules"]))
    return 0


def self_test(path):
    """Each mistake below must be reported, and the manifest as it is must not be."""
    manifest = load(path)
    manifest_dir = os.path.dirname(os.path.abspath(path))
    failures = []
    if problems(manifest, manifest_dir):
        failures.append("the manifest itself has problems")

    def mutated(change):
        m = copy.deepcopy(manifest)
        change(m)
        return m

    def set_key(key, value):
        return lambda m: m.__setitem__(key, value)

    def first_source(m):
        return m["modules"][0]["sources"][0]

    mistakes = {
        "network access": lambda m: m["finish-args"].append("--share=network"),
        "home folder access": lambda m: m["finish-args"].append("--filesystem=home"),
        "a finish-arg missing": lambda m: m["finish-args"].remove("--device=dri"),
        "a finish-arg twice": lambda m: m["finish-args"].append("--share=ipc"),
        "another app id": set_key("id", "org.example.Ledger"),
        "an older runtime": set_key("runtime-version", "46"),
        "another sdk": set_key("sdk", "org.freedesktop.Sdk"),
        "another command": set_key("command", "fazhi-cli"),
        "no cleanup": lambda m: m.pop("cleanup"),
        "static libraries kept": lambda m: m["cleanup"].remove("*.a"),
        "an archive without sha256": lambda m: first_source(m).pop("sha256"),
        "a short sha256": lambda m: first_source(m).__setitem__("sha256", "1234"),
        "a git source on a tag only": lambda m: m["modules"][0].__setitem__(
            "sources", [{"type": "git", "url": "https://example.org/x.git", "tag": "v1"}]),
        "a plain http archive": lambda m: first_source(m).__setitem__(
            "url", first_source(m)["url"].replace("https://", "http://")),
        "a licence not installed": lambda m: m["modules"][0].pop("post-install", None),
        "the app not last": lambda m: m["modules"].reverse(),
        "the app from elsewhere": lambda m: m["modules"][-1]["sources"][0].__setitem__("path", "../.."),
        "the app not built with meson": lambda m: m["modules"][-1].__setitem__("buildsystem", "simple"),
        "libzip not built": lambda m: m["modules"].pop(1),
        "freexl not built": lambda m: m["modules"].pop(2),
    }
    for what, change in mistakes.items():
        if not problems(mutated(change), manifest_dir):
            failures.append("not caught: " + what)

    pinned_git = mutated(lambda m: m["modules"][0].__setitem__(
        "sources", [{"type": "git", "url": "https://example.org/x.git", "tag": "v1", "commit": "0" * 40}]))
    if problems(pinned_git, manifest_dir):
        failures.append("wrongly reported: a git source pinned by commit")

    try:
        json.loads('{"id": "a", "id": "b"}', object_pairs_hook=reject_duplicate_keys)
        failures.append("not caught: a key given twice")
    except ValueError:
        pass
    return failures, len(mistakes)


def main(argv):
    if len(argv) == 3 and argv[1] == "--show-manifest":
        return show_manifest(argv[2])
    if len(argv) == 3 and argv[1] == "--self-test":
        failures, count = self_test(argv[2])
        for line in failures:
            print("FAIL: " + line)
        if not failures:
            print("self-test: all %d mistakes are caught" % count)
        return 1 if failures else 0
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2

    path = argv[1]
    try:
        manifest = load(path)
    except (OSError, ValueError) as error:
        print("FAIL: cannot read %s: %s" % (path, error))
        return 1
    found = problems(manifest, os.path.dirname(os.path.abspath(path)))
    for line in found:
        print("FAIL: " + line)
    if found:
        return 1
    print("%s: %s on %s//%s, %d modules, sandbox %s"
          % (os.path.basename(path), APP_ID, RUNTIME, RUNTIME_VERSION, len(manifest["modules"]),
             " ".join(manifest["finish-args"])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
