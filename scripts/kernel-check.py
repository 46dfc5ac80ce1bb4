#!/usr/bin/python3
# The installed TransferLab kernel driven by Debian's jupyter_client (python3-jupyter-client): a value, a compile
# error, an endless loop interrupted (interrupt_mode "message"), System.exit, shutdown. Each line: the cell, the
# reply's status, its outputs, the time.
#   java -jar target/transferlab.jar kernel install --prefix /tmp/tlk
#   JUPYTER_PATH=/tmp/tlk/share/jupyter /usr/bin/python3 scripts/kernel-check.py
import time, jupyter_client, queue
km, kc = jupyter_client.manager.start_new_kernel(kernel_name='transferlab', startup_timeout=120)
def run(code, interrupt_after=None):
    t=time.time()
    msg_id = kc.execute(code)
    if interrupt_after:
        time.sleep(interrupt_after); km.interrupt_kernel()
    reply = kc.get_shell_msg(timeout=120)
    while reply['parent_header'].get('msg_id') != msg_id:
        reply = kc.get_shell_msg(timeout=120)
    outs=[]
    while True:
        m = kc.get_iopub_msg(timeout=30)
        if m['parent_header'].get('msg_id')!=msg_id: continue
        if m['msg_type']=='status' and m['content']['execution_state']=='idle': break
        if m['msg_type'] in ('stream','execute_result','error'):
            c=m['content']; outs.append((m['msg_type'], c.get('text') or c.get('data',{}).get('text/plain') or c.get('evalue')))
    print(f"{code!r}: {reply['content'].get('status')} {outs} ({time.time()-t:.1f} s)")
run('1 + 1')
run('int x = 1;\nint y = x +;')
run('while (true) {}', interrupt_after=2)
run('2 + 2')
run('System.exit(3);')
run('1 + 2')
km.shutdown_kernel(now=True)
print('alive after shutdown:', km.is_alive())
