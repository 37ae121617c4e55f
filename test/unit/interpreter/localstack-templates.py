"""
Derives test/unit/interpreter/localstack-templates.json: which corpus definition each corpus LocalStack history
(test/corpus/sfn-history/localstack-extracted) was recorded with, read from LocalStack's test code.

    python3 test/unit/interpreter/localstack-templates.py /path/to/localstack-checkout

Reads, with Python's ast module, the template classes (tests/aws/services/stepfunctions/templates/**/*.py:
`NAME = os.path.join(_THIS_FOLDER, "statemachines/x.json5")`) and each test function's parametrize lists, ids and
template references; a history's test id (its upstreamPath) then names one template. The template file is matched
to the corpus file holding the same bytes. Nothing of LocalStack's code is copied; the output is only the pairing,
plus whether the test edits the template before running it (`template[...] = …`, `.replace(…)`, `.update(…)`…).
"""
import ast
import hashlib
import json
import os
import sys
import urllib.parse

repo = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))
root = os.path.abspath(os.path.join(here, '..', '..', '..'))
corpus = os.path.join(root, 'test', 'corpus')
sfn = os.path.join(repo, 'tests', 'aws', 'services', 'stepfunctions')

# 1. Template constants: (class, NAME) -> file.
consts = {}
for d, _, files in os.walk(os.path.join(sfn, 'templates')):
    for f in files:
        if not f.endswith('.py'):
            continue
        tree = ast.parse(open(os.path.join(d, f)).read())
        for cls in [n for n in tree.body if isinstance(n, ast.ClassDef)]:
            for st in cls.body:
                targets = st.targets if isinstance(st, ast.Assign) else [st.target] if isinstance(st, ast.AnnAssign) else []
                value = getattr(st, 'value', None)
                if targets and isinstance(value, ast.Call):
                    strs = [a.value for a in value.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                    if strs and strs[-1].endswith(('.json5', '.json')):
                        for t in targets:
                            if isinstance(t, ast.Name):
                                consts[(cls.name, t.id)] = os.path.normpath(os.path.join(d, strs[-1]))

# 2. Corpus files by content.
by_hash = {}
for d, _, files in os.walk(os.path.join(corpus, 'asl')):
    for f in files:
        p = os.path.join(d, f)
        by_hash.setdefault(hashlib.sha256(open(p, 'rb').read()).hexdigest(), os.path.relpath(p, corpus))


def corpus_path(template_file):
    try:
        return by_hash.get(hashlib.sha256(open(template_file, 'rb').read()).hexdigest())
    except OSError:
        return None


# 3. Test functions: parametrize lists and template references.
def template_refs(node, aliases):
    out = []
    for n in ast.walk(node):
        if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name):
            cls = aliases.get(n.value.id, n.value.id)
            if (cls, n.attr) in consts:
                out.append(consts[(cls, n.attr)])
    return out


def rewrites(fn):
    for n in ast.walk(fn):
        if isinstance(n, ast.Assign) and any(isinstance(t, ast.Subscript) for t in n.targets):
            return True
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in ('replace', 'update', 'pop', 'append', 'extend', 'insert', 'setdefault'):
            return True
    return False


tests = {}
for d, _, files in os.walk(os.path.join(sfn, 'v2')):
    for f in files:
        if not (f.startswith('test_') and f.endswith('.py')):
            continue
        path = os.path.join(d, f)
        tree = ast.parse(open(path).read())
        aliases = {}
        for n in ast.walk(tree):
            if isinstance(n, ast.ImportFrom):
                for a in n.names:
                    if a.asname:
                        aliases[a.asname] = a.name
        rel = os.path.relpath(path, repo)
        for n in ast.walk(tree):
            if not (isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name.startswith('test_')):
                continue
            cases = {}
            for dec in n.decorator_list:
                if not (isinstance(dec, ast.Call) and getattr(dec.func, 'attr', '') == 'parametrize'):
                    continue
                if len(dec.args) < 2 or not isinstance(dec.args[1], (ast.List, ast.Tuple)):
                    continue
                values = dec.args[1].elts
                ids = next((k.value for k in dec.keywords if k.arg == 'ids'), None)
                names = [e.value for e in ids.elts] if isinstance(ids, (ast.List, ast.Tuple)) and all(isinstance(e, ast.Constant) for e in ids.elts) else None
                for i, v in enumerate(values):
                    refs = template_refs(v, aliases)
                    if len(set(refs)) == 1:
                        key = names[i] if names and i < len(names) else None
                        cases.setdefault(key, set()).add(refs[0])
            body = set(template_refs(ast.Module(body=n.body, type_ignores=[]), aliases))
            tests[(rel, n.name)] = {'cases': cases, 'body': body, 'rewrites': rewrites(n)}

# 4. Histories.
index = json.load(open(os.path.join(corpus, 'index.json')))
out = {}
unresolved = 0
for e in index:
    if e['kind'] != 'sfn-history' or 'localstack-extracted' not in e['path']:
        continue
    pointer = urllib.parse.unquote(e['upstreamPath'].split('#', 1)[1]).replace('~1', '/').replace('~0', '~')
    test_id = pointer.split('/recorded-content')[0].lstrip('/')
    file_part, _, rest = test_id.partition('::')
    func = rest.split('::')[-1]
    name, _, case = func.partition('[')
    case = case.rstrip(']') or None
    t = tests.get((file_part, name))
    chosen = set()
    if t:
        if case is not None and t['cases']:
            for key, refs in t['cases'].items():
                if key is not None and (case == key or case.startswith(key + '-') or case.endswith('-' + key)):
                    chosen |= refs
        if not chosen:
            # No case id names a template: every template the test refers to is a candidate (the pairing test
            # keeps the ones whose states match the history).
            chosen = set(t['body']) | set().union(*t['cases'].values()) if t['cases'] else set(t['body'])
    targets = sorted({c for c in (corpus_path(x) for x in chosen) if c})
    if not targets:
        unresolved += 1
        if os.environ.get('DEBUG'):
            why = 'no test' if not t else f"cases={ {k: len(v) for k, v in t['cases'].items()} } body={len(t['body'])}"
            print('UNRESOLVED', file_part.split('/')[-1], name, case, why, file=sys.stderr)
        continue
    out[e['path']] = {'definitions': targets, 'testEditsTemplate': t['rewrites']}

json.dump(
    {
        'about': 'Which corpus definition each LocalStack history was recorded with, derived from LocalStack test code at the corpus commit by localstack-templates.py (pairing only; no code copied).',
        'pairs': dict(sorted(out.items())),
    },
    open(os.path.join(here, 'localstack-templates.json'), 'w'),
    indent=1,
)
print(f'{len(out)} paired from the test code, {unresolved} not resolved', file=sys.stderr)
