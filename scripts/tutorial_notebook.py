# The notebook file both tutorial generators write (make-part1-notebooks.py, make-part2-notebooks.py): one list
# of cells -> a blank version (a cell's third element, the TODO text, where it has one) and a solutions version,
# nbformat 4.5, for the TransferLab kernel.
import json, os


def source_lines(text):
    lines = text.split('\n')
    return [l + '\n' for l in lines[:-1]] + [lines[-1]]


def notebook(cells_spec, solutions):
    cells = []
    for i, c in enumerate(cells_spec):
        kind, sol = c[0], c[1]
        text = sol if solutions or len(c) < 3 else c[2]
        cell = {'cell_type': 'markdown' if kind == 'md' else 'code', 'id': 'cell-%d' % i, 'metadata': {},
                'source': source_lines(text)}
        if kind == 'code':
            cell['execution_count'] = None
            cell['outputs'] = []
        cells.append(cell)
    if solutions:
        cells[0]['source'][0] = cells[0]['source'][0].rstrip('\n') + ' (solutions)\n'
    return {'cells': cells, 'metadata': {
        'kernelspec': {'name': 'transferlab', 'display_name': 'TransferLab (Java 17)', 'language': 'java'},
        'language_info': {'name': 'java', 'file_extension': '.jshell', 'mimetype': 'text/x-java-source'}},
        'nbformat': 4, 'nbformat_minor': 5}


def write_both(cells_spec, part):
    """notebooks/PART.ipynb and notebooks/PART-solutions.ipynb."""
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'notebooks')
    for name, sol in ((part + '.ipynb', False), (part + '-solutions.ipynb', True)):
        with open(os.path.join(here, name), 'w', encoding='utf-8') as f:
            json.dump(notebook(cells_spec, sol), f, indent=1, ensure_ascii=False)
            f.write('\n')
        print('wrote notebooks/' + name)
