# lispd/: LISP daemon.
