-- Runs after the README's snippet (loaded as init.lua): opens each file named in $POSTFIX_SASL_FILES (a
-- JSON list), waits (bounded) for its diagnostics, asks for a completion and a hover in the first one,
-- and prints what it got as one JSON line. Written for Neovim 0.7's API.
local files = vim.fn.json_decode(vim.env.POSTFIX_SASL_FILES)
local out = { files = {} }

for _, path in ipairs(files) do
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local bufnr = vim.api.nvim_get_current_buf()
  local got = vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20)
  local entry = { path = path, filetype = vim.bo.filetype, attached = #vim.lsp.buf_get_clients(bufnr) > 0, gotDiagnostics = got, diagnostics = {} }
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(entry.diagnostics, { line = d.lnum, severity = d.severity, message = d.message, code = d.code })
  end
  table.insert(out.files, entry)
end

-- The first file is main.cf: line 3 (0-based 2) is "smtpd_sasl_au"; complete at its end, hover line 2.
vim.cmd('edit ' .. vim.fn.fnameescape(files[1]))
local bufnr = vim.api.nvim_get_current_buf()
local function ask(method, line, character)
  return vim.lsp.buf_request_sync(bufnr, method, { textDocument = vim.lsp.util.make_text_document_params(bufnr), position = { line = line, character = character } }, 10000) or {}
end
out.completion = {}
for _, r in pairs(ask('textDocument/completion', 2, 13)) do
  for _, item in ipairs(r.result and (r.result.items or r.result) or {}) do table.insert(out.completion, item.label) end
end
out.hover = ''
for _, r in pairs(ask('textDocument/hover', 1, 3)) do
  local c = r.result and r.result.contents
  if c then out.hover = out.hover .. (type(c) == 'string' and c or c.value or vim.fn.json_encode(c)) end
end
out.clients = #vim.lsp.get_active_clients()

io.stdout:write(vim.fn.json_encode(out) .. '\n')
vim.cmd('qa!')
