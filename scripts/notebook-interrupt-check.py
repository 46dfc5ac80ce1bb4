#!/usr/bin/python3
# Interrupting a notebook training run: a 50-epoch Q1 started through the notebook API, interrupted after 20 s;
# its run folder must then read "stopped". Uses Debian's jupyter_client and the installed kernel:
#   java -jar target/transferlab.jar kernel install --prefix /tmp/tlk
#   JAVA_TOOL_OPTIONS=-Dtransferlab.home=/tmp/tlhome JUPYTER_PATH=/tmp/tlk/share/jupyter /usr/bin/python3 scripts/notebook-interrupt-check.py
import time, jupyter_client
km, kc = jupyter_client.manager.start_new_kernel(kernel_name='transferlab', startup_timeout=120)
def run(code, interrupt_after=None):
    t=time.time(); msg_id = kc.execute(code)
    if interrupt_after: time.sleep(interrupt_after); km.interrupt_kernel()
    reply = kc.get_shell_msg(timeout=300)
    while reply['parent_header'].get('msg_id') != msg_id: reply = kc.get_shell_msg(timeout=300)
    outs=[]
    while True:
        m = kc.get_iopub_msg(timeout=60)
        if m['parent_header'].get('msg_id')!=msg_id: continue
        if m['msg_type']=='status' and m['content']['execution_state']=='idle': break
        if m['msg_type'] in ('stream','execute_result','error'):
            c=m['content']; outs.append((m['msg_type'], c.get('text') or c.get('data',{}).get('text/plain') or c.get('evalue')))
    print(f"{code!r}: {reply['content'].get('status')} {outs} ({time.time()-t:.1f} s)", flush=True)
    return outs
run('import org.transferlab.notebook.*;')
run('var r = Part1.q1().epochs(50).train();', interrupt_after=20)
outs = run('Files.list(Part1.runsRoot()).sorted().map(p -> p.getFileName() + " " + Run.open(p).status()).toList()')
km.shutdown_kernel(now=True)
ok = any(k == 'execute_result' and v.endswith(' stopped]') for k, v in outs)
print('PASS: the interrupted run is recorded as stopped' if ok else 'FAIL: ' + repr(outs))
raise SystemExit(0 if ok else 1)
