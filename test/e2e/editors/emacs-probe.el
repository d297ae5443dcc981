;;; emacs-probe.el --- drives the README's eglot set-up in batch mode  -*- lexical-binding: t -*-
;; Loaded after the snippet: visits each file named in $POSTFIX_SASL_FILES (a JSON list), lets the
;; command loop's post-command-hook run (where eglot-ensure connects), waits (bounded) for eglot's
;; diagnostics, asks for a completion and a hover in the first file, and prints one JSON line.
(require 'json)

(defun probe-wait (predicate seconds)
  "Wait until PREDICATE holds, reading server output, for at most SECONDS."
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.02))
    (funcall predicate)))

(defun probe-file (path)
  (find-file path)
  ;; Batch mode has no command loop; run what it runs after the command that visited the file.
  (run-hooks 'post-command-hook)
  (let ((got (probe-wait (lambda () (and (bound-and-true-p eglot--managed-mode) eglot--diagnostics)) 20)))
    `((path . ,path)
      (mode . ,(symbol-name major-mode))
      (managed . ,(if (bound-and-true-p eglot--managed-mode) t :json-false))
      (languageId . ,(let ((server (and (fboundp 'eglot-current-server) (eglot-current-server))))
                       (if server (eglot--language-id server) "")))
      (gotDiagnostics . ,(if got t :json-false))
      (diagnostics . ,(vconcat (mapcar #'flymake-diagnostic-text (and got eglot--diagnostics)))))))

(defun probe-request (method line character)
  (save-excursion
    (goto-char (point-min))
    (forward-line line)
    (forward-char character)
    (jsonrpc-request (eglot--current-server-or-lose) method (eglot--TextDocumentPositionParams) :timeout 10)))

(let* ((files (json-read-from-string (getenv "POSTFIX_SASL_FILES")))
       (results (mapcar #'probe-file files))
       completion hover)
  (with-current-buffer (get-file-buffer (aref files 0))
    ;; Line 3 (0-based 2) is "smtpd_sasl_au": complete at its end; hover the name on line 2.
    (let ((items (probe-request :textDocument/completion 2 13)))
      (setq completion (mapcar (lambda (i) (plist-get i :label)) (if (vectorp items) items (plist-get items :items)))))
    (let ((contents (plist-get (probe-request :textDocument/hover 1 3) :contents)))
      (setq hover (if (stringp contents) contents (or (plist-get contents :value) "")))))
  (princ (json-encode `((files . ,(vconcat results)) (completion . ,(vconcat completion)) (hover . ,hover))))
  (terpri)
  (kill-emacs 0))
