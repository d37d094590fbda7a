#!/usr/bin/env python3
"""Checks the packages `dotnet pack` made, as nuget.org and a debugger will see them.

Usage: check_packages.py DIR COMMIT. For every .nupkg in DIR: a README packed and named in the nuspec, the MIT
license expression, the repository URL with COMMIT, XML docs beside every assembly, and a .snupkg whose portable
PDBs carry SourceLink JSON mapping the sources to that repository at COMMIT. Ends with "packages: N passed, N failed".
"""
import glob
import json
import os
import re
import sys
import zipfile

passed = 0
failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL %s: %s" % (name, detail))


def sourcelink(pdb):
    """The SourceLink JSON blob of a portable PDB (stored as UTF-8 custom debug information)."""
    at = pdb.find(b'{"documents":')
    if at < 0:
        return None
    depth = 0
    for end in range(at, len(pdb)):
        depth += {ord("{"): 1, ord("}"): -1}.get(pdb[end], 0)
        if depth == 0:
            return json.loads(pdb[at:end + 1].decode("utf-8"))
    return None


def main():
    folder, commit = sys.argv[1], sys.argv[2]
    packages = sorted(glob.glob(os.path.join(folder, "*.nupkg")))
    check("six packages were made", len(packages) == 6, ", ".join(os.path.basename(p) for p in packages))
    for path in packages:
        name = os.path.basename(path)
        with zipfile.ZipFile(path) as nupkg:
            files = nupkg.namelist()
            nuspec = nupkg.read(next(f for f in files if f.endswith(".nuspec"))).decode("utf-8-sig")
            check(name + ": README packed and named", "<readme>README.md</readme>" in nuspec and "README.md" in files)
            check(name + ": MIT license expression", '<license type="expression">MIT</license>' in nuspec)
            repo = re.search(r'<repository type="git" url="(https://[^"]+)"[^>]*commit="([0-9a-f]{40})"', nuspec)
            check(name + ": repository URL with the commit", repo is not None and repo.group(2) == commit,
                  repo.groups() if repo else "no repository element")
            assemblies = [f for f in files if f.endswith(".dll") and re.search(r"/Xmmutablemap[^/]*\.dll$|/xmm\.dll$", f)]
            check(name + ": has its assembly", len(assemblies) >= 1, files)
            for dll in assemblies:
                check(name + ": XML docs for " + os.path.basename(dll), dll[:-4] + ".xml" in files)
        symbols = path[:-6] + ".snupkg"
        check(name + ": has a .snupkg", os.path.exists(symbols))
        if not os.path.exists(symbols) or repo is None:
            continue
        with zipfile.ZipFile(symbols) as snupkg:
            pdbs = [f for f in snupkg.namelist() if f.endswith(".pdb")]
            check(name + ": symbols hold a PDB", len(pdbs) >= 1)
            for pdb in pdbs:
                link = sourcelink(snupkg.read(pdb))
                expected = "https://raw.githubusercontent.com/%s/%s/*" % (repo.group(1).split("github.com/", 1)[1], commit)
                check(name + ": SourceLink in " + os.path.basename(pdb), link is not None and expected in link["documents"].values(),
                      "%s (expected a mapping to %s)" % (link, expected))
    print("packages: %d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
