-- Neovim 0.7 (Debian's) attaches postfix-sasl-language-server to a main.cf with the built-in LSP client and
-- prints what it got as one JSON line: diagnostics, a completion and a hover. 0.7 has no vim.lsp.start,
-- so this uses vim.lsp.start_client + vim.lsp.buf_attach_client, as the README shows.
-- Run: nvim --headless -i NONE -u test.lua main.cf   (env POSTFIX_SASL_LS = the server command)
local server = vim.env.POSTFIX_SASL_LS or 'postfix-sasl-language-server'
local out = {}
local function finish()
  io.stdout:write(vim.fn.json_encode(out) .. '\n')
  vim.cmd('qa!')
end

-- The init file runs before the file argument is loaded into its buffer: start once Vim has entered.
local function main()
local client_id = vim.lsp.start_client({
  name = 'postfix-sasl',
  cmd = { 'node', server, '--stdio' },
  root_dir = vim.fn.getcwd(),
  get_language_id = function() return 'postfix-main' end,
})
local bufnr = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(bufnr, client_id)

-- Wait (with a timeout) for the diagnostics to arrive.
out.gotDiagnostics = vim.wait(20000, function() return #vim.diagnostic.get(bufnr) >= 2 end, 50)
out.diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  table.insert(out.diagnostics, { line = d.lnum, severity = d.severity, message = d.message, code = d.code })
end

-- Line 3 (0-based 2) is "smtpd_sasl_au": complete the name at its end.
local completion = vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', {
  textDocument = vim.lsp.util.make_text_document_params(bufnr),
  position = { line = 2, character = 13 },
}, 5000)
out.completion = {}
for _, r in pairs(completion or {}) do
  local items = r.result and (r.result.items or r.result) or {}
  for _, item in ipairs(items) do table.insert(out.completion, item.label) end
end

-- Hover on the name on line 2 (0-based 1).
local hover = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', {
  textDocument = vim.lsp.util.make_text_document_params(bufnr),
  position = { line = 1, character = 3 },
}, 5000)
out.hover = ''
for _, r in pairs(hover or {}) do
  if r.result and r.result.contents then
    local c = r.result.contents
    out.hover = out.hover .. (type(c) == 'string' and c or c.value or vim.fn.json_encode(c))
  end
end
finish()
end
vim.api.nvim_create_autocmd('VimEnter', { once = true, callback = main })
